package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.upstream.google.GeminiDecoderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code google-generative-ai} provider behind the gateway, with the official OpenAI SDK as client and
 * a Gemini-shaped loopback upstream: thoughts stay out of the answer, function calls get ids and come
 * back as named function responses, and a Gemini failure falls back visibly.
 */
@Timeout(30)
class GeminiThroughGatewayTest {

    private static final String MODEL = "gem/gemini-2.5-flash";
    private static final String STREAM_PATH = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    private static final String KEY = "AIzaSyGatewayTest-key-0000000000000000";

    @TempDir
    Path home;

    private FakeUpstream gemini;
    private FakeUpstream box;
    private GatewayRuntime runtime;
    private OpenAIClient client;

    private void start(FakeUpstream.Behaviour geminiAnswers) throws Exception {
        gemini = new FakeUpstream().on("/v1beta/models", FakeUpstream.json("{\"models\":[{\"name\":\"models/gemini-2.5-flash\"}]}"))
                .on(STREAM_PATH, geminiAnswers);
        box = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", FakeUpstream.answer("from the fallback"));
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, """
            { agents: { defaults: { model: { primary: "%s", fallbacks: ["box/m"] } } },
              models: { mode: "replace", providers: {
                gem: { baseUrl: "%s/v1beta", api: "google-generative-ai", apiKey: "%s",
                  models: [{ id: "gemini-2.5-flash", name: "Gemini 2.5 Flash", reasoning: true, contextWindow: 1048576, maxTokens: 8192 }] },
                box: { baseUrl: "%s/v1", api: "openai-completions", models: [{ id: "m", name: "m" }] } } } }
            """.formatted(MODEL, gemini.root(), KEY, box.root()));
        runtime = GatewayRuntime.start(Environment.of(Map.of(), home), config, new GatewayRuntime.Overrides(0, null),
                new MutableClock());
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + runtime.port() + "/v1").apiKey("unused")
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        for (FakeUpstream f : new FakeUpstream[] {gemini, box}) {
            if (f != null) {
                f.close();
            }
        }
    }

    private FakeUpstream.Request lastGeminiCall() {
        return gemini.requests().stream().filter(r -> r.path().startsWith(STREAM_PATH)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void thoughtsStayOutOfTheAnswerAndTheKeyStaysOutOfTheUrl() throws Exception {
        String thoughtThenText = GeminiDecoderTest.THOUGHT_AND_CALLS.substring(0,
                GeminiDecoderTest.THOUGHT_AND_CALLS.indexOf("data:", 10)) + GeminiDecoderTest.TEXT;
        start(FakeUpstream.status(200, "text/event-stream", thoughtThenText));
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(
                ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hi").build());
        ChatCompletion c = raw.parse();
        assertThat(c.choices().get(0).message().content()).contains("Hello there! How can I help?");
        assertThat(c.choices().get(0).message().content().orElseThrow()).doesNotContain("Checking the weather");
        assertThat(raw.headers().values("x-clawgate-model")).containsExactly(MODEL);
        FakeUpstream.Request sent = lastGeminiCall();
        assertThat(sent.path()).isEqualTo(STREAM_PATH + "?alt=sse").doesNotContain(KEY);
        assertThat(sent.headers()).containsEntry("x-goog-api-key", KEY);
        assertThat(sent.body()).contains("\"contents\"").contains("\"includeThoughts\":true");
    }

    @Test
    void functionCallsGetIdsAndTheirResultsReturnAsNamedFunctionResponses() throws Exception {
        start(FakeUpstream.status(200, "text/event-stream", GeminiDecoderTest.THOUGHT_AND_CALLS));
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build()).build()).build();
        ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model(MODEL)
                .addUserMessage("weather in Paris?").addTool(tool).build();
        ChatCompletion c = client.chat().completions().create(first);
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_Xk8waK3yB5-5nvgP2cKx0Q4_0");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(lastGeminiCall().body()).doesNotContain("additionalProperties"); // Gemini would reject it

        client.chat().completions().create(first.toBuilder()
                .addMessage(c.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("sunny, 24C").build())
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(c.choices().get(0).message().toolCalls().orElseThrow().get(1).asFunction().id())
                        .content("{\"time\":\"14:00\"}").build())
                .build());
        assertThat(lastGeminiCall().body()).contains(
                "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"result\":\"sunny, 24C\"}}},"
                        + "{\"functionResponse\":{\"name\":\"get_time\",\"response\":{\"time\":\"14:00\"}}}");
    }

    @Test
    void aRateLimitedGeminiFallsBackVisibly() throws Exception {
        start(FakeUpstream.status(429, "application/json; charset=UTF-8", """
                {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}
                """));
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(
                ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hi").build());
        assertThat(raw.parse().choices().get(0).message().content()).contains("from the fallback");
        assertThat(raw.headers().values("x-clawgate-attempts").get(0)).isEqualTo(MODEL + "=rate-limit,box/m=ok");
        assertThat(raw.headers().values("x-clawgate-fallback-reason")).containsExactly("rate-limit");
    }
}
