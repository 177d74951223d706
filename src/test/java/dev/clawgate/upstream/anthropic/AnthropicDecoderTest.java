package dev.clawgate.upstream.anthropic;

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

/** Wire-exact Anthropic Messages streams (gateway-anchors §4.7). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class AnthropicDecoderTest {

    public static final String TEXT = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type":"ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    /** Thinking with signature, then tool_use with split input JSON; cache usage; ping in between. */
    public static final String THINKING_AND_TOOL_USE = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Need weather..."}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Pa"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private static List<StreamEvent> decode(String wire) {
        return replaySse(wire, new AnthropicStreamDecoder());
    }

    @Test
    void textStreamWithPing() {
        assertThat(decode(TEXT)).containsExactly(
                new StreamEvent.Start("msg_01", "claude-sonnet-4-5"),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta("!"),
                new StreamEvent.UsageReport(new Usage(12, 3, 0, 0, 0, false)),
                new StreamEvent.Stop(StopReason.STOP));
    }

    @Test
    void thinkingSignatureToolUseAndCacheUsage() {
        assertThat(decode(THINKING_AND_TOOL_USE)).containsExactly(
                new StreamEvent.Start("msg_02", "claude-sonnet-4-5"),
                new StreamEvent.ReasoningDelta("Need weather..."),
                new StreamEvent.ReasoningSignature("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                new StreamEvent.ToolCallStart(0, "toolu_01", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\": \"Pa"),
                new StreamEvent.ToolCallDelta(0, "ris\"}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.UsageReport(new Usage(40, 89, 2000, 100, 0, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
    }

    /** Redacted thinking arrives whole in content_block_start and is kept, marked, with its data. */
    @Test
    void redactedThinkingIsKept() {
        String wire = TEXT.replace("""
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}
                """, """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EnCrYpTeD=="}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}
                """).replace("\"index\":0,\"delta\"", "\"index\":1,\"delta\"");
        assertThat(decode(wire)).contains(new StreamEvent.ReasoningSignature("EnCrYpTeD==", true),
                new StreamEvent.TextDelta("Hello"));
    }

    @Test
    void stopReasonsMap() {
        for (var c : List.of(List.of("max_tokens", StopReason.LENGTH), List.of("stop_sequence", StopReason.STOP),
                List.of("refusal", StopReason.CONTENT_FILTER), List.of("end_turn", StopReason.STOP))) {
            String wire = TEXT.replace("\"end_turn\"", "\"" + c.get(0) + "\"");
            assertThat(collect(decode(wire)).stopReason()).as("%s", c.get(0)).isEqualTo(c.get(1));
        }
    }

    @Test
    void overloadedErrorEventMidStreamIsClassified() {
        String wire = TEXT.substring(0, TEXT.indexOf("event: content_block_stop")) + """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureClass.OVERLOADED);
            assertThat(e.getMessage()).contains("Overloaded");
        });
    }

    @Test
    void streamCutBeforeMessageStopIsInterrupted() {
        String wire = TEXT.substring(0, TEXT.indexOf("event: message_delta"));
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED));
    }

    @Test
    void unknownEventTypesAreIgnored() {
        String wire = TEXT.replace("event: ping\ndata: {\"type\":\"ping\"}",
                "event: future_thing\ndata: {\"type\":\"future_thing\",\"x\":1}");
        assertThat(collect(decode(wire)).text()).isEqualTo("Hello!");
    }

    @Test
    void nonStreamingMessage() {
        String body = """
                {"id":"msg_03","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"Hmm.","signature":"sig-3"},
                            {"type":"text","text":"Checking."},
                            {"type":"tool_use","id":"toolu_3","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":7,"cache_read_input_tokens":3,"cache_creation_input_tokens":0,"output_tokens":20}}
                """;
        ChatResponse r = collect(decodeWhole(body, new AnthropicResponseDecoder()));
        assertThat(r).isEqualTo(new ChatResponse("msg_03", "claude-sonnet-4-5", "Checking.", "Hmm.", "sig-3",
                List.of(new Part.ToolCall("toolu_3", "get_weather", "{\"city\":\"Paris\"}")),
                new Usage(7, 20, 3, 0, 0, false), StopReason.TOOL_USE));
    }

    @Test
    void nonStreamingErrorBody() {
        String body = """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
                """;
        assertThatThrownBy(() -> decodeWhole(body, new AnthropicResponseDecoder()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure()).isEqualTo(FailureClass.OVERLOADED));
    }
}
