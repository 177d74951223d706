package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official OpenAI Java SDK, unchanged, against the gateway. */
class OpenAiSdkTest extends GatewayTestSupport {

    OpenAIClient client;

    @BeforeEach
    void startGateway() {
        start();
        client = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey("sk-unused").maxRetries(0).build();
    }

    /** Mid-stream: a dropped upstream is a retryable server_error, a refused request an invalid prompt. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void responsesMidStreamFailureTellsRetryFromBadRequest() {
        assertThat(responsesFailureCodes(FailureClass.STREAM_INTERRUPTED)).containsExactly("server_error", "server_error");
        assertThat(responsesFailureCodes(FailureClass.FIRST_BYTE_TIMEOUT)).containsExactly("server_error", "server_error");
        assertThat(responsesFailureCodes(FailureClass.BAD_REQUEST)).containsExactly("invalid_prompt", "invalid_prompt");
    }

    /** The code of the error event and of response.failed's error, as the SDK reads them. */
    private List<String> responsesFailureCodes(FailureClass failure) {
        router.script = r -> FakeRouter.answer(new ScriptedStream(new dev.clawgate.wire.StreamEvent.Start("u", "m"),
                new dev.clawgate.wire.StreamEvent.TextDelta("Hel"), new dev.clawgate.wire.UpstreamException(failure, "broke")));
        List<String> codes = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("local").input("hi").build())) {
            s.stream().forEach(e -> {
                e.error().ifPresent(err -> {
                    codes.add(err.code().orElseThrow());
                    assertThat(err.message()).contains(failure == FailureClass.BAD_REQUEST ? "refused" : "retry the request");
                });
                e.failed().ifPresent(f -> codes.add(f.response().error().orElseThrow().code().asString()));
            });
        }
        return codes;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void chatCompletionPlain() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("local").addSystemMessage("be brief").addUserMessage("hi").build());
        c.validate();
        assertThat(c.choices().get(0).message().content()).contains("Hello");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.model()).as("the served model's ref, not the alias").isEqualTo("lmstudio/qwen3");
        assertThat(c.usage().get().totalTokens()).isEqualTo(11);
        assertThat(router.lastRequest().system()).isEqualTo("be brief");
        assertThat(router.lastRequest().stream()).isFalse();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void chatCompletionStreamingWithUsage() {
        List<String> deltas = new ArrayList<>();
        long usage = -1;
        String finish = null;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("local").addUserMessage("hi")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
                chunk.validate();
                for (ChatCompletionChunk.Choice ch : chunk.choices()) {
                    ch.delta().content().ifPresent(deltas::add);
                    if (ch.finishReason().isPresent()) {
                        finish = ch.finishReason().get().asString();
                    }
                }
                if (chunk.usage().isPresent()) {
                    usage = chunk.usage().get().totalTokens();
                }
            }
        }
        assertThat(String.join("", deltas)).isEqualTo("Hello");
        assertThat(deltas).contains("He", "llo");
        assertThat(finish).isEqualTo("stop");
        assertThat(usage).isEqualTo(11);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void chatCompletionToolCallRoundTrip() {
        router.script = r -> FakeRouter.answer(FakeRouter.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build()).build()).build();
        ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model("local")
                .addUserMessage("weather in Paris?").addTool(tool).build();
        ChatCompletion c = client.chat().completions().create(first);
        c.validate();
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = c.choices().get(0).message().toolCalls().get().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(router.lastRequest().tools()).extracting(t -> t.name()).containsExactly("get_weather");

        router.script = r -> FakeRouter.answer(FakeRouter.text("It is sunny"));
        ChatCompletion second = client.chat().completions().create(first.toBuilder()
                .addMessage(c.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("sunny, 24C").build())
                .build());
        assertThat(second.choices().get(0).message().content()).contains("It is sunny");
        List<Message> msgs = router.lastRequest().messages();
        assertThat(msgs.get(1).parts()).containsExactly(new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(msgs.get(2).parts()).containsExactly(new Part.ToolResult("call_1", "get_weather", "sunny, 24C", false));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void streamedToolCallFragmentsCarryIdAndNameOnlyFirst() {
        router.script = r -> FakeRouter.answer(FakeRouter.toolCall("call_9", "lookup", "{\"q\":\"x\"}"));
        StringBuilder args = new StringBuilder();
        List<String> ids = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("local").addUserMessage("hi").build())) {
            s.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().toolCalls().ifPresent(calls -> calls.forEach(tc -> {
                assertThat(tc.index()).isZero();
                tc.id().ifPresent(ids::add);
                tc.function().flatMap(f -> f.arguments()).ifPresent(args::append);
            }))));
        }
        assertThat(ids).containsExactly("call_9");
        assertThat(args.toString()).isEqualTo("{\"q\":\"x\"}");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fallbackIsVisibleInTheModelFieldAndHeaders() {
        router.script = r -> FakeRouter.answer(FakeRouter.model("openrouter", "moonshotai/kimi-k2"),
                List.of(FakeRouter.failed("lmstudio/qwen3", FailureClass.CONNECTION_REFUSED, 0, "connection refused"),
                        FakeRouter.ok("openrouter/moonshotai/kimi-k2")), FakeRouter.text("Hello"));
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(
                ChatCompletionCreateParams.builder().model("local").addUserMessage("hi").build());
        ChatCompletion c = raw.parse();
        // one rule with or without a fallback: the model that answered, as OpenAI and vLLM report it
        assertThat(c.model()).isEqualTo("openrouter/moonshotai/kimi-k2");
        assertThat(raw.headers().values("x-clawgate-model")).containsExactly("openrouter/moonshotai/kimi-k2");
        assertThat(raw.headers().values("x-clawgate-attempts").get(0))
                .startsWith("lmstudio/qwen3").endsWith("=connection-refused,openrouter/moonshotai/kimi-k2=ok");
        assertThat(raw.headers().values("x-clawgate-fallback-reason")).containsExactly("connection-refused");
        assertThat(Long.parseLong(raw.headers().values("x-clawgate-overhead-ms").get(0))).isGreaterThanOrEqualTo(0);
        assertThat(raw.headers().values("x-request-id").get(0)).startsWith("req_");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void responsesStreaming() {
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Response completed = null;
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("local").instructions("be brief").input("hi").build())) {
            for (ResponseStreamEvent e : (Iterable<ResponseStreamEvent>) s.stream()::iterator) {
                e.validate();
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                if (e.completed().isPresent()) {
                    completed = e.completed().get().response();
                }
                types.add(typeOf(e));
            }
        }
        assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(outputText(completed)).isEqualTo("Hello");
        assertThat(completed.usage().get().totalTokens()).isEqualTo(11);
        assertThat(router.lastRequest().system()).isEqualTo("be brief");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void responsesPlainAndToolRoundTrip() {
        router.script = r -> FakeRouter.answer(FakeRouter.toolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}"));
        FunctionTool tool = FunctionTool.builder().name("get_weather").strict(false).parameters(FunctionTool.Parameters
                .builder().putAdditionalProperty("type", JsonValue.from("object")).build()).build();
        Response r = client.responses().create(ResponseCreateParams.builder().model("local").input("weather?")
                .addTool(tool).build());
        r.validate();
        ResponseFunctionToolCall call = r.output().stream().filter(o -> o.isFunctionCall()).findFirst().get().asFunctionCall();
        assertThat(call.callId()).isEqualTo("call_7");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Oslo\"}");

        router.script = rq -> FakeRouter.answer(FakeRouter.text("Cold"));
        Response second = client.responses().create(ResponseCreateParams.builder().model("local").addTool(tool)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                                .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("weather?").build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId("call_7").output("-3C").build())))
                .build());
        second.validate();
        assertThat(outputText(second)).isEqualTo("Cold");
        List<Message> msgs = router.lastRequest().messages();
        assertThat(msgs).hasSize(3);
        assertThat(msgs.get(1).parts()).containsExactly(new Part.ToolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}"));
        assertThat(msgs.get(2).parts()).containsExactly(new Part.ToolResult("call_7", "get_weather", "-3C", false));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void responsesStreamedToolCall() {
        router.script = r -> FakeRouter.answer(FakeRouter.toolCall("call_3", "f", "{\"a\":1}"));
        List<String> types = new ArrayList<>();
        StringBuilder args = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("local").input("x").build())) {
            s.stream().forEach(e -> {
                e.validate();
                types.add(typeOf(e));
                e.functionCallArgumentsDelta().ifPresent(d -> args.append(d.delta()));
            });
        }
        assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(args.toString()).isEqualTo("{\"a\":1}");
    }

    static String typeOf(ResponseStreamEvent e) {
        return com.openai.core.ObjectMappers.jsonMapper().valueToTree(e).get("type").asText();
    }

    static String outputText(Response r) {
        StringBuilder sb = new StringBuilder();
        r.output().forEach(o -> o.message().ifPresent(m -> m.content().forEach(c -> c.outputText().ifPresent(t -> sb.append(t.text())))));
        return sb.toString();
    }
}
