package dev.clawgate.upstream.google;

import static dev.clawgate.upstream.UpstreamFixtures.collect;
import static dev.clawgate.upstream.UpstreamFixtures.decodeWhole;
import static dev.clawgate.upstream.UpstreamFixtures.replaySse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Wire-exact Gemini {@code streamGenerateContent?alt=sse} streams, shaped like the API's captured output. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class GeminiDecoderTest {

    /** Plain text in two chunks; every chunk repeats the prompt usage, the last one has the full usage. */
    public static final String TEXT = """
            data: {"candidates": [{"content": {"parts": [{"text": "Hello"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 9,"totalTokenCount": 9,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}]},"modelVersion": "gemini-2.5-flash","responseId": "mJ4waNrBLqGp1PIP7uy8kAk"}

            data: {"candidates": [{"content": {"parts": [{"text": " there! How can I help?"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 9,"candidatesTokenCount": 8,"totalTokenCount": 37,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}],"thoughtsTokenCount": 20},"modelVersion": "gemini-2.5-flash","responseId": "mJ4waNrBLqGp1PIP7uy8kAk"}

            """;

    /** A thought summary, then two parallel function calls (no ids), the signature on the first; cached prompt. */
    public static final String THOUGHT_AND_CALLS = """
            data: {"candidates": [{"content": {"parts": [{"text": "**Checking the weather**\\n\\nThe user wants Paris weather and time.","thought": true}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 120,"totalTokenCount": 120},"modelVersion": "gemini-2.5-pro","responseId": "Xk8waK3yB5-5nvgP2cKx0Q4"}

            data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"city": "Paris"}},"thoughtSignature": "CiQB0e2Kb1xQ7vZ=="},{"functionCall": {"name": "get_time","args": {"tz": "Europe/Paris"}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 120,"candidatesTokenCount": 30,"totalTokenCount": 210,"cachedContentTokenCount": 64,"thoughtsTokenCount": 60},"modelVersion": "gemini-2.5-pro","responseId": "Xk8waK3yB5-5nvgP2cKx0Q4"}

            """;

    private static List<StreamEvent> decode(String wire) {
        return replaySse(wire, new GeminiStreamDecoder());
    }

    @Test
    void textStream() {
        assertThat(decode(TEXT)).containsExactly(
                new StreamEvent.Start("mJ4waNrBLqGp1PIP7uy8kAk", "gemini-2.5-flash"),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta(" there! How can I help?"),
                new StreamEvent.UsageReport(new Usage(9, 28, 0, 0, 20, false)),
                new StreamEvent.Stop(StopReason.STOP));
    }

    @Test
    void crlfFramingAsGoogleSendsIt() {
        assertThat(decode(TEXT.replace("\n", "\r\n"))).isEqualTo(decode(TEXT));
    }

    @Test
    void thoughtsAreReasoningCallsGetStableIdsAndTheSignatureIsKept() {
        String callId = "call_Xk8waK3yB5-5nvgP2cKx0Q4_";
        List<StreamEvent> events = decode(THOUGHT_AND_CALLS);
        assertThat(events).containsExactly(
                new StreamEvent.Start("Xk8waK3yB5-5nvgP2cKx0Q4", "gemini-2.5-pro"),
                new StreamEvent.ReasoningDelta("**Checking the weather**\n\nThe user wants Paris weather and time."),
                new StreamEvent.ToolCallStart(0, callId + "0", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.ReasoningSignature("{\"type\":\"gemini_thought_signature\",\"signature\":\"CiQB0e2Kb1xQ7vZ==\"}"),
                new StreamEvent.ToolCallStart(1, callId + "1", "get_time"),
                new StreamEvent.ToolCallDelta(1, "{\"tz\":\"Europe/Paris\"}"),
                new StreamEvent.ToolCallEnd(1),
                new StreamEvent.UsageReport(new Usage(56, 90, 64, 0, 60, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
        assertThat(decode(THOUGHT_AND_CALLS)).as("same wire, same ids").isEqualTo(events);
        assertThat(collect(events).text()).isEmpty(); // reasoning never becomes text
    }

    @Test
    void anIdGeminiSendsIsKept() {
        String wire = THOUGHT_AND_CALLS.replace("{\"name\": \"get_time\"", "{\"id\": \"fc-7\", \"name\": \"get_time\"");
        assertThat(decode(wire)).contains(new StreamEvent.ToolCallStart(1, "fc-7", "get_time"));
    }

    @Test
    void finishReasonsMap() {
        for (var c : List.of(List.of("MAX_TOKENS", StopReason.LENGTH), List.of("SAFETY", StopReason.CONTENT_FILTER),
                List.of("RECITATION", StopReason.CONTENT_FILTER), List.of("PROHIBITED_CONTENT", StopReason.CONTENT_FILTER),
                List.of("OTHER", StopReason.STOP), List.of("STOP", StopReason.STOP))) {
            String wire = TEXT.replace("\"STOP\"", "\"" + c.get(0) + "\"");
            assertThat(collect(decode(wire)).stopReason()).as("%s", c.get(0)).isEqualTo(c.get(1));
        }
    }

    @Test
    void aBlockedPromptIsAClassifiedFailureNamingTheReason() {
        String wire = """
                data: {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},"usageMetadata": {"promptTokenCount": 12,"totalTokenCount": 12},"modelVersion": "gemini-2.5-flash","responseId": "b1"}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureClass.BAD_REQUEST);
            assertThat(e.getMessage()).contains("PROHIBITED_CONTENT").contains("safetySettings");
        });
    }

    @Test
    void anErrorChunkMidStreamIsClassifiedByItsCode() {
        String wire = TEXT.substring(0, TEXT.indexOf("data:", 10)) + """
                data: {"error": {"code": 429,"message": "Resource has been exhausted (e.g. check quota).","status": "RESOURCE_EXHAUSTED"}}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureClass.RATE_LIMIT);
            assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED").contains("Resource has been exhausted");
        });
    }

    @Test
    void streamCutBeforeAFinishReasonIsInterrupted() {
        String wire = TEXT.substring(0, TEXT.indexOf("data:", 10));
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED));
    }

    @Test
    void nonStreamingGenerateContent() {
        String body = """
                {"candidates": [{"content": {"parts": [{"text": "Hmm.","thought": true},{"text": "Checking."},
                  {"functionCall": {"name": "get_weather","args": {"city": "Paris"}},"thoughtSignature": "c2ln"}],
                  "role": "model"},"finishReason": "STOP","index": 0}],
                 "usageMetadata": {"promptTokenCount": 10,"candidatesTokenCount": 20,"totalTokenCount": 35,
                  "cachedContentTokenCount": 3,"thoughtsTokenCount": 5},
                 "modelVersion": "gemini-2.5-flash","responseId": "w1"}
                """;
        ChatResponse r = collect(decodeWhole(body, new GeminiResponseDecoder()));
        assertThat(r).isEqualTo(new ChatResponse("w1", "gemini-2.5-flash", "Checking.", "Hmm.",
                ThoughtSignature.wrap("c2ln"), List.of(new Part.ToolCall("call_w1_0", "get_weather", "{\"city\":\"Paris\"}")),
                new Usage(7, 25, 3, 0, 5, false), StopReason.TOOL_USE));
    }

    @Test
    void streamWithoutAltSseIsAJsonArray() {
        String array = "[" + String.join(",", TEXT.strip().replace("data: ", "").split("\n\n")) + "]";
        assertThat(decodeWhole(array, new GeminiResponseDecoder())).isEqualTo(decode(TEXT));
    }

    @Test
    void nonStreamingErrorBody() {
        String body = """
                {"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}
                """;
        assertThatThrownBy(() -> decodeWhole(body, new GeminiResponseDecoder()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure()).isEqualTo(FailureClass.OVERLOADED));
    }
}
