package dev.clawgate.upstream;

import static dev.clawgate.upstream.AdaptersOverHttpTest.OPTIONS;
import static dev.clawgate.upstream.UpstreamFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.Usage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Canonical answer -> a stand-in upstream streaming it in one API's wire format -> that API's adapter
 * over HTTP -> {@link ChatResponse}: the answer comes back equal. Each answer uses only what its API
 * can carry (Anthropic has a signature and cache writes; Chat Completions and Ollama have no signature).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoundTripTest {

    static Http1Transport transport;
    static UpstreamAdapters adapters;

    @BeforeAll
    static void start() {
        transport = new Http1Transport();
        adapters = new UpstreamAdapters(transport);
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static final List<Part.ToolCall> CALLS = List.of(
            new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"c\"}"),
            new Part.ToolCall("call_2", "get_time", "{\"tz\":\"Europe/Paris\"}"));

    private static ChatResponse answer(String id, String model, String signature, Usage usage) {
        return new ChatResponse(id, model, "Let me check both — un instant.", "Two tools needed: weather, then time.",
                signature, CALLS, usage, StopReason.TOOL_USE);
    }

    private ChatResponse roundTrip(ChatResponse answer, ModelSpec model, String basePath, String contentType,
            Function<ChatResponse, String> writer) throws Exception {
        String wire = writer.apply(answer);
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, contentType, wire))) {
            ModelSpec served = at(model, upstream.baseUrl() + basePath, null);
            return ChatResponse.collect(adapters.forApi(model.api()).open(UpstreamFixtures.conversation(), served, OPTIONS));
        }
    }

    @Test
    void chatCompletions() throws Exception {
        ChatResponse answer = answer("chatcmpl-rt", "Qwen/Qwen3-8B", null, new Usage(100, 50, 28, 0, 20, false));
        assertThat(roundTrip(answer, UpstreamFixtures.vllmCompletions(), "/v1", AdaptersOverHttpTest.SSE,
                WireWriters::chatCompletions)).isEqualTo(answer);
    }

    @Test
    void responses() throws Exception {
        ChatResponse answer = answer("resp_rt", "openai/gpt-oss-20b", null, new Usage(90, 60, 10, 0, 25, false));
        assertThat(roundTrip(answer, UpstreamFixtures.lmStudioResponses(), "/v1", AdaptersOverHttpTest.SSE,
                WireWriters::responses)).isEqualTo(answer);
    }

    @Test
    void anthropicMessages() throws Exception {
        ChatResponse answer = answer("msg_rt", "claude-sonnet-4-5", "EqQBsignature==", new Usage(40, 70, 2000, 100, 0, false));
        assertThat(roundTrip(answer, UpstreamFixtures.anthropic(), "", AdaptersOverHttpTest.SSE,
                WireWriters::anthropic)).isEqualTo(answer);
    }

    @Test
    void ollama() throws Exception {
        ChatResponse answer = answer(null, "qwen3:8b", null, new Usage(180, 42, 0, 0, 0, false));
        assertThat(roundTrip(answer, UpstreamFixtures.ollama(), "", AdaptersOverHttpTest.NDJSON,
                WireWriters::ollama)).isEqualTo(answer);
    }

    @Test
    void gemini() throws Exception {
        ChatResponse answer = answer("resp-gemini-rt", "gemini-2.5-flash",
                "{\"type\":\"gemini_thought_signature\",\"signature\":\"CiQB0e2Kb1x==\"}", new Usage(70, 55, 30, 0, 15, false));
        assertThat(roundTrip(answer, UpstreamFixtures.gemini(), "/v1beta", AdaptersOverHttpTest.SSE,
                WireWriters::gemini)).isEqualTo(answer);
    }
}
