package dev.clawgate.upstream.openai;

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

/** Wire-exact Responses streams from OpenAI and LM Studio. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class ResponsesDecoderTest {

    /** OpenAI text-only stream (gateway-anchors §4.6). */
    public static final String OPENAI_TEXT = """
            event: response.created
            data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","model":"gpt-5-mini","output":[]}}

            event: response.in_progress
            data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_1","status":"in_progress"}}

            event: response.output_item.added
            data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}

            event: response.content_part.added
            data: {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}

            event: response.output_text.done
            data: {"type":"response.output_text.done","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"text":"Hi"}

            event: response.content_part.done
            data: {"type":"response.content_part.done","sequence_number":6,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"Hi","annotations":[]}}

            event: response.output_item.done
            data: {"type":"response.output_item.done","sequence_number":7,"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[]}]}}

            event: response.completed
            data: {"type":"response.completed","sequence_number":8,"response":{"id":"resp_1","status":"completed","usage":{"input_tokens":12,"output_tokens":2,"total_tokens":14}}}

            """;

    /** OpenAI reasoning summary, encrypted reasoning, then a function call with argument deltas. */
    public static final String OPENAI_FUNCTION_CALL = """
            event: response.created
            data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_2","object":"response","status":"in_progress","model":"gpt-5","output":[]}}

            event: response.output_item.added
            data: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}

            event: response.reasoning_summary_part.added
            data: {"type":"response.reasoning_summary_part.added","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}

            event: response.reasoning_summary_text.delta
            data: {"type":"response.reasoning_summary_text.delta","sequence_number":3,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Checking the weather."}

            event: response.reasoning_summary_text.done
            data: {"type":"response.reasoning_summary_text.done","sequence_number":4,"item_id":"rs_1","output_index":0,"summary_index":0,"text":"Checking the weather."}

            event: response.output_item.done
            data: {"type":"response.output_item.done","sequence_number":5,"output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Checking the weather."}],"encrypted_content":"gAAAAB-enc"}}

            event: response.output_item.added
            data: {"type":"response.output_item.added","sequence_number":6,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_xyz","name":"get_weather"}}

            event: response.function_call_arguments.delta
            data: {"type":"response.function_call_arguments.delta","sequence_number":7,"item_id":"fc_1","output_index":1,"delta":"{\\"city\\":"}

            event: response.function_call_arguments.delta
            data: {"type":"response.function_call_arguments.delta","sequence_number":8,"item_id":"fc_1","output_index":1,"delta":"\\"Paris\\"}"}

            event: response.function_call_arguments.done
            data: {"type":"response.function_call_arguments.done","sequence_number":9,"item_id":"fc_1","output_index":1,"arguments":"{\\"city\\":\\"Paris\\"}"}

            event: response.output_item.done
            data: {"type":"response.output_item.done","sequence_number":10,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\\"city\\":\\"Paris\\"}","call_id":"call_xyz","name":"get_weather"}}

            event: response.completed
            data: {"type":"response.completed","sequence_number":11,"response":{"id":"resp_2","status":"completed","model":"gpt-5","usage":{"input_tokens":300,"input_tokens_details":{"cached_tokens":256},"output_tokens":90,"output_tokens_details":{"reasoning_tokens":64},"total_tokens":390}}}

            """;

    /** LM Studio gpt-oss: raw reasoning_text events, then a function call sent whole (arguments only in .done). */
    public static final String LMSTUDIO_REASONING_AND_CALL = """
            event: response.created
            data: {"type":"response.created","response":{"id":"resp_lms","object":"response","created_at":1760000000,"status":"in_progress","model":"openai/gpt-oss-20b","output":[]},"sequence_number":0}

            event: response.output_item.added
            data: {"type":"response.output_item.added","output_index":0,"item":{"id":"rs_lms","type":"reasoning","summary":[],"content":[]},"sequence_number":1}

            event: response.reasoning_text.delta
            data: {"type":"response.reasoning_text.delta","item_id":"rs_lms","output_index":0,"content_index":0,"delta":"User asks weather.","sequence_number":2}

            event: response.reasoning_text.delta
            data: {"type":"response.reasoning_text.delta","item_id":"rs_lms","output_index":0,"content_index":0,"delta":" Use tool.","sequence_number":3}

            event: response.reasoning_text.done
            data: {"type":"response.reasoning_text.done","item_id":"rs_lms","output_index":0,"content_index":0,"text":"User asks weather. Use tool.","sequence_number":4}

            event: response.output_item.done
            data: {"type":"response.output_item.done","output_index":0,"item":{"id":"rs_lms","type":"reasoning","summary":[],"content":[{"type":"reasoning_text","text":"User asks weather. Use tool."}]},"sequence_number":5}

            event: response.output_item.added
            data: {"type":"response.output_item.added","output_index":1,"item":{"id":"fc_lms","type":"function_call","call_id":"call_lms1","name":"get_weather","arguments":"","status":"in_progress"},"sequence_number":6}

            event: response.function_call_arguments.done
            data: {"type":"response.function_call_arguments.done","item_id":"fc_lms","output_index":1,"arguments":"{\\"city\\":\\"Paris\\"}","sequence_number":7}

            event: response.output_item.done
            data: {"type":"response.output_item.done","output_index":1,"item":{"id":"fc_lms","type":"function_call","call_id":"call_lms1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}","status":"completed"},"sequence_number":8}

            event: response.completed
            data: {"type":"response.completed","response":{"id":"resp_lms","object":"response","status":"completed","model":"openai/gpt-oss-20b","usage":{"input_tokens":80,"output_tokens":40,"total_tokens":120,"output_tokens_details":{"reasoning_tokens":12}}},"sequence_number":9}

            """;

    private static List<StreamEvent> decode(String wire) {
        return replaySse(wire, new ResponsesStreamDecoder());
    }

    @Test
    void openAiTextStream() {
        assertThat(decode(OPENAI_TEXT)).containsExactly(
                new StreamEvent.Start("resp_1", "gpt-5-mini"),
                new StreamEvent.TextDelta("Hi"),
                new StreamEvent.UsageReport(new Usage(12, 2, 0, 0, 0, false)),
                new StreamEvent.Stop(StopReason.STOP));
    }

    @Test
    void openAiSummaryEncryptedReasoningAndFunctionCall() {
        List<StreamEvent> events = decode(OPENAI_FUNCTION_CALL);
        assertThat(events).containsExactly(
                new StreamEvent.Start("resp_2", "gpt-5"),
                new StreamEvent.ReasoningDelta("Checking the weather."),
                new StreamEvent.ReasoningSignature("{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":"
                        + "\"summary_text\",\"text\":\"Checking the weather.\"}],\"encrypted_content\":\"gAAAAB-enc\"}"),
                new StreamEvent.ToolCallStart(0, "call_xyz", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":"),
                new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.UsageReport(new Usage(44, 90, 256, 0, 64, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
    }

    @Test
    void lmStudioRawReasoningAndArgumentsOnlyInDone() {
        List<StreamEvent> events = decode(LMSTUDIO_REASONING_AND_CALL);
        assertThat(events).containsExactly(
                new StreamEvent.Start("resp_lms", "openai/gpt-oss-20b"),
                new StreamEvent.ReasoningDelta("User asks weather."),
                new StreamEvent.ReasoningDelta(" Use tool."),
                new StreamEvent.ToolCallStart(0, "call_lms1", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.UsageReport(new Usage(80, 40, 0, 0, 12, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
        assertThat(collect(events).text()).isEmpty();
    }

    @Test
    void reasoningSentOnlyAsDoneIsEmittedOnce() {
        String wire = """
                event: response.reasoning_text.done
                data: {"type":"response.reasoning_text.done","item_id":"rs","output_index":0,"content_index":0,"text":"Short thought."}

                event: response.output_text.done
                data: {"type":"response.output_text.done","item_id":"m","output_index":1,"content_index":0,"text":"Answer."}

                event: response.completed
                data: {"type":"response.completed","response":{"id":"r","status":"completed"}}

                """;
        ChatResponse r = collect(decode(wire));
        assertThat(r.reasoning()).isEqualTo("Short thought.");
        assertThat(r.text()).isEqualTo("Answer.");
    }

    @Test
    void thinkTagsInOutputTextAreSplitOut() {
        String wire = """
                data: {"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"<think>hidden</think>Shown"}

                data: {"type":"response.completed","response":{"id":"r","status":"completed"}}

                """;
        ChatResponse r = collect(decode(wire));
        assertThat(r.reasoning()).isEqualTo("hidden");
        assertThat(r.text()).isEqualTo("Shown");
    }

    @Test
    void incompleteMapsToLengthOrContentFilter() {
        String template = """
                data: {"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"Par"}

                data: {"type":"response.incomplete","response":{"id":"r","status":"incomplete","incomplete_details":{"reason":"%s"},"usage":{"input_tokens":5,"output_tokens":16}}}

                """;
        assertThat(collect(decode(template.formatted("max_output_tokens"))).stopReason()).isEqualTo(StopReason.LENGTH);
        assertThat(collect(decode(template.formatted("content_filter"))).stopReason())
                .isEqualTo(StopReason.CONTENT_FILTER);
    }

    @Test
    void responseFailedIsClassified() {
        String wire = """
                event: response.failed
                data: {"type":"response.failed","sequence_number":3,"response":{"id":"r","status":"failed","error":{"code":"rate_limit_exceeded","message":"Rate limit reached for gpt-5"}}}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureClass.RATE_LIMIT);
            assertThat(e.getMessage()).contains("Rate limit reached");
        });
    }

    @Test
    void errorEventIsClassified() {
        String wire = """
                event: error
                data: {"type":"error","sequence_number":2,"code":"server_error","message":"The server had an error","param":null}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.SERVER_ERROR));
    }

    @Test
    void streamWithoutTerminalEventIsInterrupted() {
        String wire = OPENAI_TEXT.substring(0, OPENAI_TEXT.indexOf("event: response.completed"));
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED));
    }

    @Test
    void nonStreamingResponseGivesTheSameAnswer() {
        String body = """
                {"id":"resp_3","object":"response","status":"completed","model":"openai/gpt-oss-20b",
                 "output":[
                   {"id":"rs_3","type":"reasoning","summary":[],"content":[{"type":"reasoning_text","text":"Think."}]},
                   {"id":"msg_3","type":"message","role":"assistant","content":[{"type":"output_text","text":"Calling","annotations":[]}]},
                   {"id":"fc_3","type":"function_call","call_id":"call_3","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}],
                 "usage":{"input_tokens":10,"output_tokens":5,"total_tokens":15}}
                """;
        ChatResponse r = collect(decodeWhole(body, new ResponsesResponseDecoder()));
        assertThat(r).isEqualTo(new ChatResponse("resp_3", "openai/gpt-oss-20b", "Calling", "Think.", null,
                List.of(new Part.ToolCall("call_3", "get_weather", "{\"city\":\"Paris\"}")),
                new Usage(10, 5, 0, 0, 0, false), StopReason.TOOL_USE));
    }
}
