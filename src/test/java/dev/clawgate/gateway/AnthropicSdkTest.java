package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official Anthropic Java SDK, unchanged, against the gateway. */
class AnthropicSdkTest extends GatewayTestSupport {

    AnthropicClient client;

    @BeforeEach
    void startGateway() {
        start();
        client = AnthropicOkHttpClient.builder().baseUrl(base()).apiKey("sk-ant-unused").maxRetries(0).build();
    }

    /** Mid-stream: a dropped upstream reads as Anthropic's retryable overload, a refused request as a bad request. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void midStreamFailureTellsRetryFromBadRequest() {
        assertThat(midStreamErrorType(dev.clawgate.wire.FailureClass.STREAM_INTERRUPTED))
                .isEqualTo(com.anthropic.models.ErrorType.OVERLOADED_ERROR);
        assertThat(midStreamErrorType(dev.clawgate.wire.FailureClass.IDLE_TIMEOUT))
                .isEqualTo(com.anthropic.models.ErrorType.OVERLOADED_ERROR);
        assertThat(midStreamErrorType(dev.clawgate.wire.FailureClass.BAD_REQUEST))
                .isEqualTo(com.anthropic.models.ErrorType.INVALID_REQUEST_ERROR);
    }

    private com.anthropic.models.ErrorType midStreamErrorType(dev.clawgate.wire.FailureClass failure) {
        router.script = r -> FakeRouter.answer(new ScriptedStream(new StreamEvent.Start("u", "m"),
                new StreamEvent.TextDelta("Hel"), new dev.clawgate.wire.UpstreamException(failure, "upstream broke")));
        List<String> text = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(MessageCreateParams.builder()
                .model("local").maxTokens(64).addUserMessage("hi").build())) {
            s.stream().forEach(e -> e.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> text.add(t.text())));
            throw new AssertionError("the stream ended without an error");
        } catch (com.anthropic.errors.AnthropicServiceException e) {
            assertThat(text).containsExactly("Hel");
            return e.errorType().orElseThrow();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void messagePlain() {
        Message m = client.messages().create(MessageCreateParams.builder().model("local").maxTokens(64)
                .system("be brief").addUserMessage("hi").build());
        m.validate();
        assertThat(m.content().get(0).asText().text()).isEqualTo("Hello");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isEqualTo(2);
        assertThat(router.lastRequest().system()).isEqualTo("be brief");
        assertThat(router.lastRequest().maxOutputTokens()).isEqualTo(64);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void messageStreaming() {
        MessageAccumulator acc = MessageAccumulator.create();
        List<String> deltas = new ArrayList<>();
        List<Long> startInput = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(MessageCreateParams.builder()
                .model("local").maxTokens(64).addUserMessage("hi").build())) {
            s.stream().forEach(e -> {
                e.validate();
                e.messageStart().ifPresent(start -> {
                    startInput.add(start.message().usage().inputTokens());
                    assertThat(start.message().usage()._additionalProperties().get("estimated").asBoolean()).contains(true);
                });
                acc.accumulate(e);
                e.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> deltas.add(t.text()));
            });
        }
        Message m = acc.message();
        assertThat(deltas).containsExactly("He", "llo");
        assertThat(m.content().get(0).asText().text()).isEqualTo("Hello");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isEqualTo(2);
        assertThat(m.usage().inputTokens()).isEqualTo(9); // the upstream's count, from message_delta
        assertThat(startInput).singleElement().satisfies(n -> assertThat(n).isPositive()); // the estimate, not 0
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void streamedThinkingThenText() {
        router.script = r -> FakeRouter.answer(new ScriptedStream(new StreamEvent.Start("u", "m"),
                new StreamEvent.ReasoningDelta("let me think"), new StreamEvent.ReasoningSignature("sig-1"),
                new StreamEvent.TextDelta("Answer"), new StreamEvent.Stop(dev.clawgate.wire.StopReason.STOP)));
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(MessageCreateParams.builder()
                .model("local").maxTokens(64).addUserMessage("hi").build())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.content().get(0).asThinking().thinking()).isEqualTo("let me think");
        assertThat(m.content().get(0).asThinking().signature()).isEqualTo("sig-1");
        assertThat(m.content().get(1).asText().text()).isEqualTo("Answer");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void toolCallRoundTrip() {
        router.script = r -> FakeRouter.answer(FakeRouter.toolCall("toolu_1", "get_weather", "{\"city\":\"Rome\"}"));
        Tool tool = Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("city", Map.of("type", "string")))).build()).build();
        MessageCreateParams first = MessageCreateParams.builder().model("local").maxTokens(64)
                .addUserMessage("weather in Rome?").addTool(tool).build();

        // Streaming, so the tool_use block is assembled from input_json_delta fragments by the SDK.
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(first)) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = m.content().get(0).asToolUse();
        assertThat(use.id()).isEqualTo("toolu_1");
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Rome"));

        router.script = r -> FakeRouter.answer(FakeRouter.text("Warm"));
        Message second = client.messages().create(first.toBuilder().addMessage(m)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId("toolu_1").content("28C").build())))
                .build());
        assertThat(second.content().get(0).asText().text()).isEqualTo("Warm");
        List<dev.clawgate.wire.Message> msgs = router.lastRequest().messages();
        assertThat(msgs).hasSize(3);
        assertThat(msgs.get(1).parts()).containsExactly(new Part.ToolCall("toolu_1", "get_weather", "{\"city\":\"Rome\"}"));
        assertThat(msgs.get(2).parts()).containsExactly(new Part.ToolResult("toolu_1", "get_weather", "28C", false));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void toolCallNonStreaming() {
        router.script = r -> FakeRouter.answer(FakeRouter.toolCall("toolu_2", "f", "{\"n\":2}"));
        Message m = client.messages().create(MessageCreateParams.builder().model("local").maxTokens(64)
                .addUserMessage("x").build());
        m.validate();
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(m.content().get(0).asToolUse()._input().convert(Map.class)).isEqualTo(Map.of("n", 2));
    }
}
