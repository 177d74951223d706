package dev.clawgate.upstream.ollama;

import static dev.clawgate.upstream.UpstreamFixtures.collect;
import static dev.clawgate.upstream.UpstreamFixtures.decodeWhole;
import static dev.clawgate.upstream.UpstreamFixtures.replayNdjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ollama native /api/chat NDJSON. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class OllamaDecoderTest {

    /** Thinking, then a tool call as a whole object without an id (older servers), then the done line. */
    public static final String THINKING_AND_TOOL_CALL = """
            {"model":"qwen3:8b","created_at":"2025-09-01T10:00:00.000000Z","message":{"role":"assistant","content":"","thinking":"The user wants"},"done":false}
            {"model":"qwen3:8b","created_at":"2025-09-01T10:00:00.100000Z","message":{"role":"assistant","content":"","thinking":" the weather."},"done":false}
            {"model":"qwen3:8b","created_at":"2025-09-01T10:00:00.200000Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}
            {"model":"qwen3:8b","created_at":"2025-09-01T10:00:00.300000Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":2143759000,"load_duration":21522833,"prompt_eval_count":180,"prompt_eval_duration":93000000,"eval_count":42,"eval_duration":2020000000}
            """;

    /** A model whose template inlines <think> in content (no think support on the server side). */
    public static final String THINK_TAGS_IN_CONTENT = """
            {"model":"deepseek-r1:8b","created_at":"2025-09-01T10:00:00Z","message":{"role":"assistant","content":"<think>"},"done":false}
            {"model":"deepseek-r1:8b","created_at":"2025-09-01T10:00:00Z","message":{"role":"assistant","content":"\\nGreeting.\\n</th"},"done":false}
            {"model":"deepseek-r1:8b","created_at":"2025-09-01T10:00:00Z","message":{"role":"assistant","content":"ink>\\n\\nHi there"},"done":false}
            {"model":"deepseek-r1:8b","created_at":"2025-09-01T10:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","prompt_eval_count":5,"eval_count":9}
            """;

    private static List<StreamEvent> decode(String wire) {
        return replayNdjson(wire, new OllamaStreamDecoder());
    }

    @Test
    void thinkingAndWholeToolCallWithSynthesizedId() {
        List<StreamEvent> events = decode(THINKING_AND_TOOL_CALL);
        assertThat(events).hasSize(8);
        assertThat(events.get(0)).isEqualTo(new StreamEvent.Start(null, "qwen3:8b"));
        assertThat(events.subList(1, 3)).containsExactly(new StreamEvent.ReasoningDelta("The user wants"),
                new StreamEvent.ReasoningDelta(" the weather."));
        StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) events.get(3);
        assertThat(start.index()).isZero();
        assertThat(start.name()).isEqualTo("get_weather");
        assertThat(start.id()).matches("call_[0-9a-f]{24}");
        assertThat(events.subList(4, 8)).containsExactly(
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.UsageReport(new Usage(180, 42, 0, 0, 0, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
    }

    @Test
    void toolCallIdFromNewerServersIsKept() {
        String wire = """
                {"model":"qwen3:8b","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_srv1","function":{"index":0,"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}
                {"model":"qwen3:8b","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":1,"eval_count":1}
                """;
        assertThat(collect(decode(wire)).toolCalls().get(0).id()).isEqualTo("call_srv1");
    }

    @Test
    void thinkTagsInContentAndLengthStop() {
        ChatResponse r = collect(decode(THINK_TAGS_IN_CONTENT));
        assertThat(r.reasoning()).isEqualTo("Greeting.\n");
        assertThat(r.text()).isEqualTo("Hi there");
        assertThat(r.stopReason()).isEqualTo(StopReason.LENGTH);
        assertThat(r.usage()).isEqualTo(new Usage(5, 9, 0, 0, 0, false));
    }

    @Test
    void errorLineIsClassified() {
        String wire = """
                {"model":"qwen3:8b","message":{"role":"assistant","content":"Hel"},"done":false}
                {"error":"model requires more system memory (12.0 GiB) than is available (8.0 GiB)"}
                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.getMessage()).contains("requires more system memory"));
        assertThatThrownBy(() -> decode("{\"error\":\"model \\\"qwen9\\\" not found, try pulling it first\"}\n"))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.MODEL_NOT_FOUND));
    }

    @Test
    void streamWithoutDoneLineIsInterrupted() {
        String wire = THINKING_AND_TOOL_CALL.lines().limit(2).map(l -> l + "\n").reduce("", String::concat);
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED));
    }

    @Test
    void invalidJsonLineIsMalformed() {
        assertThatThrownBy(() -> decode("{\"model\":\"x\",\"message\":{\"content\":\"a\"\n"))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("ollama").contains("{\"model\":\"x\"");
                });
    }

    @Test
    void nonStreamingAnswer() {
        String body = """
                {"model":"qwen3:8b","created_at":"2025-09-01T10:00:00Z","message":{"role":"assistant","content":"Sunny.","thinking":"Easy."},"done":true,"done_reason":"stop","prompt_eval_count":10,"eval_count":4}
                """;
        ChatResponse r = collect(decodeWhole(body, new OllamaResponseDecoder()));
        assertThat(r).isEqualTo(new ChatResponse(null, "qwen3:8b", "Sunny.", "Easy.", null, List.of(),
                new Usage(10, 4, 0, 0, 0, false), StopReason.STOP));
    }
}
