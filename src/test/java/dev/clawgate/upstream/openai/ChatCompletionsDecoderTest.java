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

/** Wire-exact Chat Completions streams from OpenAI, vLLM, LM Studio and llama.cpp. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class ChatCompletionsDecoderTest {

    /** OpenAI text + usage chunk (gateway-anchors §4.5). */
    public static final String OPENAI_TEXT = """
            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}

            data: [DONE]

            """;

    /** OpenAI tool-call fragments: id and name only first, arguments split mid-token, cached usage. */
    public static final String OPENAI_TOOL_CALLS = """
            data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":\\"Par"}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"is\\"}"}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_def","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}

            data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000001,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":30,"total_tokens":1230,"prompt_tokens_details":{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":0}}}

            data: [DONE]

            """;

    /** vLLM <= 0.10: reasoning_content; the usage chunk has "choices": null. */
    public static final String VLLM_REASONING_CONTENT = """
            data: {"id":"chatcmpl-v1","object":"chat.completion.chunk","created":1750000000,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-v1","object":"chat.completion.chunk","created":1750000000,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning_content":"Let me think"},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-v1","object":"chat.completion.chunk","created":1750000000,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"reasoning_content":" about it."},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-v1","object":"chat.completion.chunk","created":1750000000,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":"Paris is sunny."},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-v1","object":"chat.completion.chunk","created":1750000000,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}

            data: {"id":"chatcmpl-v1","object":"chat.completion.chunk","created":1750000000,"model":"Qwen/Qwen3-8B","choices":null,"usage":{"prompt_tokens":20,"total_tokens":32,"completion_tokens":12}}

            data: [DONE]

            """;

    /** vLLM after the rename: "reasoning" (gateway-anchors §4.5), no usage chunk. */
    public static final String VLLM_REASONING = """
            data: {"id":"chatcmpl-v2","object":"chat.completion.chunk","created":1760000000,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"reasoning":"Let me think"},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"reasoning":" about it."},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"content":"Paris is sunny."},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: [DONE]

            """;

    /** LM Studio: later tool-call fragments repeat index and carry an empty function.name (issue #649). */
    public static final String LMSTUDIO_EMPTY_NAMES = """
            data: {"id":"chatcmpl-lms","object":"chat.completion.chunk","created":1750000100,"model":"qwen3-8b","system_fingerprint":"qwen3-8b","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Need weather."},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-lms","object":"chat.completion.chunk","created":1750000100,"model":"qwen3-8b","system_fingerprint":"qwen3-8b","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"123456789","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-lms","object":"chat.completion.chunk","created":1750000100,"model":"qwen3-8b","system_fingerprint":"qwen3-8b","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"type":"function","function":{"name":"","arguments":"{\\"city\\":"}}]},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-lms","object":"chat.completion.chunk","created":1750000100,"model":"qwen3-8b","system_fingerprint":"qwen3-8b","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"type":"function","function":{"name":"","arguments":"\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-lms","object":"chat.completion.chunk","created":1750000100,"model":"qwen3-8b","system_fingerprint":"qwen3-8b","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}

            data: {"id":"chatcmpl-lms","object":"chat.completion.chunk","created":1750000100,"model":"qwen3-8b","system_fingerprint":"qwen3-8b","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":25,"total_tokens":145}}

            data: [DONE]

            """;

    /** llama.cpp with --reasoning-format none: <think> inside content, the tag cut across chunks. */
    public static final String LLAMACPP_THINK_TAGS = """
            data: {"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],"created":1750000200,"id":"chatcmpl-llama","model":"gpt-3.5-turbo","system_fingerprint":"b5000-abc","object":"chat.completion.chunk"}

            data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":"<thi"}}],"created":1750000200,"id":"chatcmpl-llama","model":"gpt-3.5-turbo","system_fingerprint":"b5000-abc","object":"chat.completion.chunk"}

            data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":"nk>\\nThe user greets"}}],"created":1750000200,"id":"chatcmpl-llama","model":"gpt-3.5-turbo","system_fingerprint":"b5000-abc","object":"chat.completion.chunk"}

            data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":" me.\\n</think>\\n\\n"}}],"created":1750000200,"id":"chatcmpl-llama","model":"gpt-3.5-turbo","system_fingerprint":"b5000-abc","object":"chat.completion.chunk"}

            data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":"Hello!"}}],"created":1750000200,"id":"chatcmpl-llama","model":"gpt-3.5-turbo","system_fingerprint":"b5000-abc","object":"chat.completion.chunk"}

            data: {"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":1750000200,"id":"chatcmpl-llama","model":"gpt-3.5-turbo","system_fingerprint":"b5000-abc","object":"chat.completion.chunk","usage":{"completion_tokens":14,"prompt_tokens":9,"total_tokens":23},"timings":{"prompt_n":9,"predicted_n":14}}

            data: [DONE]

            """;

    private static List<StreamEvent> decode(String wire) {
        return replaySse(wire, new ChatCompletionsStreamDecoder());
    }

    @Test
    void openAiTextAndUsageChunk() {
        assertThat(decode(OPENAI_TEXT)).containsExactly(
                new StreamEvent.Start("chatcmpl-1", "gpt-4o-mini"),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.UsageReport(new Usage(9, 2, 0, 0, 0, false)),
                new StreamEvent.Stop(StopReason.STOP));
    }

    @Test
    void openAiToolCallFragmentsAndCachedUsage() {
        List<StreamEvent> events = decode(OPENAI_TOOL_CALLS);
        assertThat(events).containsExactly(
                new StreamEvent.Start("chatcmpl-2", "gpt-4o"),
                new StreamEvent.ToolCallStart(0, "call_abc", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Par"),
                new StreamEvent.ToolCallDelta(0, "is\"}"),
                new StreamEvent.ToolCallStart(1, "call_def", "get_time"),
                new StreamEvent.ToolCallDelta(1, "{}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.ToolCallEnd(1),
                new StreamEvent.UsageReport(new Usage(176, 30, 1024, 0, 0, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
    }

    @Test
    void vllmReasoningContentAndNullChoices() {
        ChatResponse r = collect(decode(VLLM_REASONING_CONTENT));
        assertThat(r.reasoning()).isEqualTo("Let me think about it.");
        assertThat(r.text()).isEqualTo("Paris is sunny.");
        assertThat(r.usage()).isEqualTo(new Usage(20, 12, 0, 0, 0, false));
        assertThat(r.stopReason()).isEqualTo(StopReason.STOP);
    }

    @Test
    void vllmRenamedReasoningField() {
        List<StreamEvent> events = decode(VLLM_REASONING);
        assertThat(events).containsExactly(
                new StreamEvent.Start("chatcmpl-v2", "Qwen/Qwen3-8B"),
                new StreamEvent.ReasoningDelta("Let me think"),
                new StreamEvent.ReasoningDelta(" about it."),
                new StreamEvent.TextDelta("Paris is sunny."),
                new StreamEvent.Stop(StopReason.STOP));
    }

    @Test
    void bothReasoningFieldsInOneChunkCountOnce() {
        String wire = """
                data: {"choices":[{"index":0,"delta":{"reasoning":"hmm","reasoning_content":"hmm"},"finish_reason":null}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """;
        assertThat(collect(decode(wire)).reasoning()).isEqualTo("hmm");
    }

    @Test
    void lmStudioEmptyNameFragmentsAssembleOneCall() {
        ChatResponse r = collect(decode(LMSTUDIO_EMPTY_NAMES));
        assertThat(r.reasoning()).isEqualTo("Need weather.");
        assertThat(r.toolCalls()).containsExactly(new Part.ToolCall("123456789", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.usage()).isEqualTo(new Usage(120, 25, 0, 0, 0, false));
    }

    @Test
    void llamaCppThinkTagsInContentBecomeReasoning() {
        ChatResponse r = collect(decode(LLAMACPP_THINK_TAGS));
        assertThat(r.reasoning()).isEqualTo("The user greets me.\n");
        assertThat(r.text()).isEqualTo("Hello!");
        assertThat(r.usage()).isEqualTo(new Usage(9, 14, 0, 0, 0, false));
    }

    @Test
    void fragmentsWithoutIndexFollowIdThenPosition() {
        String wire = """
                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"a","function":{"name":"one","arguments":"{\\"x\\""}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":":1}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"b","function":{"name":"two","arguments":"{}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"a","function":{"arguments":""}}]},"finish_reason":"tool_calls"}]}

                data: [DONE]

                """;
        assertThat(collect(decode(wire)).toolCalls()).containsExactly(
                new Part.ToolCall("a", "one", "{\"x\":1}"), new Part.ToolCall("b", "two", "{}"));
    }

    @Test
    void sameIndexWithNewIdIsANewCall() {
        String wire = """
                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"one","arguments":"{}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"b","function":{"name":"two","arguments":"{}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """;
        ChatResponse r = collect(decode(wire));
        assertThat(r.toolCalls()).extracting(Part.ToolCall::name).containsExactly("one", "two");
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE); // "stop" with tool calls: a local-server habit
    }

    @Test
    void finishReasonsMap() {
        for (var c : List.of(List.of("length", StopReason.LENGTH), List.of("content_filter", StopReason.CONTENT_FILTER),
                List.of("stop", StopReason.STOP))) {
            String wire = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"" + c.get(0)
                    + "\"}]}\n\ndata: [DONE]\n\n";
            assertThat(collect(decode(wire)).stopReason()).isEqualTo(c.get(1));
        }
    }

    @Test
    void midStreamErrorChunkIsClassified() {
        String wire = """
                data: {"id":"gen-1","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                data: {"id":"gen-1","object":"chat.completion.chunk","error":{"code":502,"message":"Provider returned error: overloaded"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureClass.OVERLOADED);
            assertThat(e.getMessage()).contains("Provider returned error");
        });
    }

    @Test
    void contextOverflowErrorChunk() {
        String wire = """
                data: {"error":{"message":"This model's maximum context length is 32768 tokens. However, you requested 33077 tokens.","type":"BadRequestError","code":400}}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.CONTEXT_OVERFLOW));
    }

    @Test
    void streamEndingBeforeFinishReasonIsInterrupted() {
        String wire = """
                data: {"choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED));
    }

    @Test
    void streamWithoutDoneAfterFinishReasonStillEnds() {
        String wire = """
                data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}

                """;
        assertThat(decode(wire)).endsWith(new StreamEvent.TextDelta("Hi"), new StreamEvent.Stop(StopReason.STOP));
    }

    @Test
    void invalidJsonFrameIsMalformedWithContext() {
        String wire = """
                data: {"choices":[{"index":0,"delta":{"content":"Hi"}

                """;
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("openai-completions").contains("chat.completion.chunk")
                    .contains("{\"choices\"");
        });
    }

    @Test
    void nonStreamingCompletionGivesTheSameEvents() {
        String body = """
                {"id":"chatcmpl-9","object":"chat.completion","created":1700000000,"model":"Qwen/Qwen3-8B",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Calling.","reasoning":"Need weather.",
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":50,"completion_tokens":20,"total_tokens":70,"prompt_tokens_details":{"cached_tokens":10}}}
                """;
        assertThat(decodeWhole(body, new ChatCompletionsResponseDecoder())).containsExactly(
                new StreamEvent.Start("chatcmpl-9", "Qwen/Qwen3-8B"),
                new StreamEvent.ReasoningDelta("Need weather."),
                new StreamEvent.TextDelta("Calling."),
                new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
                new StreamEvent.ToolCallEnd(0),
                new StreamEvent.UsageReport(new Usage(40, 20, 10, 0, 0, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE));
    }
}
