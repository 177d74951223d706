package dev.clawgate.upstream;

import static dev.clawgate.upstream.UpstreamFixtures.at;
import static dev.clawgate.upstream.UpstreamFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.anthropic.AnthropicDecoderTest;
import dev.clawgate.upstream.anthropic.AnthropicRequestEncoder;
import dev.clawgate.upstream.anthropic.AnthropicStreamDecoder;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.google.GeminiDecoderTest;
import dev.clawgate.upstream.google.GeminiRequestEncoder;
import dev.clawgate.upstream.google.GeminiStreamDecoder;
import dev.clawgate.upstream.ollama.OllamaDecoderTest;
import dev.clawgate.upstream.ollama.OllamaRequestEncoder;
import dev.clawgate.upstream.ollama.OllamaStreamDecoder;
import dev.clawgate.upstream.openai.ChatCompletionsDecoderTest;
import dev.clawgate.upstream.openai.ChatCompletionsRequestEncoder;
import dev.clawgate.upstream.openai.ChatCompletionsStreamDecoder;
import dev.clawgate.upstream.openai.ResponsesDecoderTest;
import dev.clawgate.upstream.openai.ResponsesRequestEncoder;
import dev.clawgate.upstream.openai.ResponsesStreamDecoder;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire-exact replays again, now served by a stand-in upstream on 127.0.0.1 through the real
 * {@link Http1Transport} and each adapter: same events as the in-memory replay, and the request the
 * adapter sent (path, headers, body) is what the upstream expects.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdaptersOverHttpTest {

    static final CallOptions OPTIONS = new CallOptions(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(20));
    static final String SSE = "text/event-stream";
    static final String NDJSON = "application/x-ndjson";

    static Http1Transport transport;
    /** The adapters as they decode, without the registry's usage estimate (see EstimatedUsageStreamTest). */
    static Map<String, UpstreamAdapter> adapters;

    @BeforeAll
    static void start() {
        transport = new Http1Transport();
        adapters = UpstreamAdapters.builtIn(transport).stream()
                .collect(java.util.stream.Collectors.toMap(UpstreamAdapter::api, a -> a));
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    /** Drains a stream with a bound, so a decoder bug shows as a failure instead of a hang. */
    static List<StreamEvent> drain(EventStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        try (stream) {
            for (int i = 0; i < 10_000; i++) {
                StreamEvent e = stream.next();
                if (e == null) {
                    return events;
                }
                events.add(e);
            }
        }
        throw new AssertionError("stream did not end");
    }

    /** Ollama makes up ids for id-less tool calls; compare everything else. */
    static List<StreamEvent> withoutSyntheticIds(List<StreamEvent> events) {
        return events.stream().map(e -> e instanceof StreamEvent.ToolCallStart s && s.id().matches("call_[0-9a-f]{24}")
                ? new StreamEvent.ToolCallStart(s.index(), "synthetic", s.name()) : e).toList();
    }

    static Stream<Arguments> replays() {
        ModelSpec completions = UpstreamFixtures.vllmCompletions();
        ModelSpec responses = UpstreamFixtures.lmStudioResponses();
        ModelSpec anthropic = UpstreamFixtures.anthropic();
        Supplier<SseDecoder> cc = ChatCompletionsStreamDecoder::new;
        Supplier<SseDecoder> rs = ResponsesStreamDecoder::new;
        Supplier<SseDecoder> an = AnthropicStreamDecoder::new;
        ModelSpec gemini = UpstreamFixtures.gemini();
        Supplier<SseDecoder> ge = GeminiStreamDecoder::new;
        return Stream.of(
                Arguments.of("openai chat text", completions, "/v1", ChatCompletionsDecoderTest.OPENAI_TEXT, cc),
                Arguments.of("openai chat tool calls", completions, "/v1", ChatCompletionsDecoderTest.OPENAI_TOOL_CALLS, cc),
                Arguments.of("vllm reasoning_content", completions, "/v1", ChatCompletionsDecoderTest.VLLM_REASONING_CONTENT, cc),
                Arguments.of("vllm reasoning", completions, "/v1", ChatCompletionsDecoderTest.VLLM_REASONING, cc),
                Arguments.of("lm studio empty names", completions, "/v1", ChatCompletionsDecoderTest.LMSTUDIO_EMPTY_NAMES, cc),
                Arguments.of("llama.cpp think tags", completions, "/v1", ChatCompletionsDecoderTest.LLAMACPP_THINK_TAGS, cc),
                Arguments.of("openai responses text", responses, "/v1", ResponsesDecoderTest.OPENAI_TEXT, rs),
                Arguments.of("openai responses call", responses, "/v1", ResponsesDecoderTest.OPENAI_FUNCTION_CALL, rs),
                Arguments.of("lm studio responses", responses, "/v1", ResponsesDecoderTest.LMSTUDIO_REASONING_AND_CALL, rs),
                Arguments.of("anthropic text", anthropic, "", AnthropicDecoderTest.TEXT, an),
                Arguments.of("anthropic thinking + tool", anthropic, "", AnthropicDecoderTest.THINKING_AND_TOOL_USE, an),
                Arguments.of("gemini text", gemini, "/v1beta", GeminiDecoderTest.TEXT, ge),
                Arguments.of("gemini text, CRLF", gemini, "/v1beta", GeminiDecoderTest.TEXT.replace("\n", "\r\n"), ge),
                Arguments.of("gemini thought + calls", gemini, "/v1beta", GeminiDecoderTest.THOUGHT_AND_CALLS, ge));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replays")
    void sseReplayOverHttpMatchesInMemoryReplay(String name, ModelSpec model, String basePath, String wire,
            Supplier<SseDecoder> decoder) throws Exception {
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, SSE, wire))) {
            ModelSpec served = at(model, upstream.baseUrl() + basePath, null);
            List<StreamEvent> overHttp = drain(adapters.get(model.api()).open(UpstreamFixtures.conversation(), served, OPTIONS));
            assertThat(overHttp).isEqualTo(UpstreamFixtures.replaySse(wire, decoder.get()));
        }
    }

    @Test
    void ollamaReplaysOverHttp() throws Exception {
        for (String wire : List.of(OllamaDecoderTest.THINKING_AND_TOOL_CALL, OllamaDecoderTest.THINK_TAGS_IN_CONTENT)) {
            try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, NDJSON, wire))) {
                ModelSpec served = at(UpstreamFixtures.ollama(), upstream.baseUrl(), null);
                List<StreamEvent> overHttp = drain(adapters.get("ollama").open(UpstreamFixtures.conversation(), served, OPTIONS));
                assertThat(withoutSyntheticIds(overHttp))
                        .isEqualTo(withoutSyntheticIds(UpstreamFixtures.replayNdjson(wire, new OllamaStreamDecoder())));
            }
        }
    }

    @Test
    void chatCompletionsRequestOnTheWire() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream(
                (req, res) -> res.stream(200, SSE, ChatCompletionsDecoderTest.OPENAI_TEXT))) {
            ModelSpec served = at(UpstreamFixtures.vllmCompletions(), upstream.baseUrl() + "/v1/", "sk-local-test");
            ChatRequest request = UpstreamFixtures.conversation();
            drain(adapters.get("openai-completions").open(request, served, OPTIONS));
            StandInUpstream.Recorded sent = upstream.requests().poll(5, TimeUnit.SECONDS);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(sent.headers()).containsEntry("authorization", "Bearer sk-local-test")
                    .containsEntry("content-type", "application/json").containsEntry("accept", SSE);
            assertThat(json(sent.body())).isEqualTo(new ChatCompletionsRequestEncoder().encode(request, served));
        }
    }

    @Test
    void responsesRequestOnTheWireHasNoAuthorizationWithoutAKey() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream(
                (req, res) -> res.stream(200, SSE, ResponsesDecoderTest.OPENAI_TEXT))) {
            ModelSpec served = at(UpstreamFixtures.lmStudioResponses(), upstream.baseUrl() + "/v1", null);
            ChatRequest request = UpstreamFixtures.conversation();
            drain(adapters.get("openai-responses").open(request, served, OPTIONS));
            StandInUpstream.Recorded sent = upstream.requests().poll(5, TimeUnit.SECONDS);
            assertThat(sent.path()).isEqualTo("/v1/responses");
            assertThat(sent.headers()).doesNotContainKey("authorization");
            assertThat(json(sent.body())).isEqualTo(new ResponsesRequestEncoder().encode(request, served));
        }
    }

    @Test
    void anthropicRequestOnTheWire() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, SSE, AnthropicDecoderTest.TEXT))) {
            ModelSpec served = at(UpstreamFixtures.anthropic(), upstream.baseUrl(), "sk-ant-test");
            ChatRequest request = UpstreamFixtures.conversation();
            drain(adapters.get("anthropic-messages").open(request, served, OPTIONS));
            StandInUpstream.Recorded sent = upstream.requests().poll(5, TimeUnit.SECONDS);
            assertThat(sent.path()).isEqualTo("/v1/messages");
            assertThat(sent.headers()).containsEntry("x-api-key", "sk-ant-test")
                    .containsEntry("anthropic-version", "2023-06-01").doesNotContainKey("authorization");
            assertThat(json(sent.body())).isEqualTo(new AnthropicRequestEncoder().encode(request, served));
        }
    }

    @Test
    void ollamaRequestOnTheWire() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream(
                (req, res) -> res.stream(200, NDJSON, OllamaDecoderTest.THINK_TAGS_IN_CONTENT))) {
            ModelSpec served = at(UpstreamFixtures.ollama(), upstream.baseUrl() + "/v1", null);
            ChatRequest request = UpstreamFixtures.conversation();
            drain(adapters.get("ollama").open(request, served, OPTIONS));
            StandInUpstream.Recorded sent = upstream.requests().poll(5, TimeUnit.SECONDS);
            assertThat(sent.path()).isEqualTo("/api/chat"); // the /v1 route breaks tool calls; native is used
            assertThat(json(sent.body())).isEqualTo(new OllamaRequestEncoder().encode(request, served));
        }
    }

    /** The model in the path, alt=sse, the key only in x-goog-api-key (never in the URL, which gets logged). */
    @Test
    void geminiRequestOnTheWire() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, SSE, GeminiDecoderTest.TEXT))) {
            ModelSpec served = at(UpstreamFixtures.gemini(), upstream.baseUrl() + "/v1beta/", "AIzaSyStandIn-key");
            ChatRequest request = UpstreamFixtures.conversation();
            drain(adapters.get("google-generative-ai").open(request, served, OPTIONS));
            StandInUpstream.Recorded sent = upstream.requests().poll(5, TimeUnit.SECONDS);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
                    .doesNotContain("AIza");
            assertThat(sent.headers()).containsEntry("x-goog-api-key", "AIzaSyStandIn-key")
                    .containsEntry("content-type", "application/json").doesNotContainKey("authorization");
            assertThat(json(sent.body())).isEqualTo(new GeminiRequestEncoder().encode(request, served));
        }
    }
}
