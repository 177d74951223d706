package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reasoning never leaks into answer text; each API carries it in its own reasoning channel
 * ({@code gateway.reasoning: "separate"}, the default) unless the client opts out or the config says drop.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReasoningOptInTest extends GatewayTestSupport {

    @BeforeEach
    void startGateway() {
        start();
        router.script = r -> FakeRouter.answer(new ScriptedStream(new StreamEvent.Start("u", "m"),
                new StreamEvent.ReasoningDelta("secret thoughts"), new StreamEvent.ReasoningSignature("sig"),
                new StreamEvent.TextDelta("Answer"), new StreamEvent.Stop(StopReason.STOP)));
    }

    @Test
    void chatCompletionsCarriesReasoningInItsOwnFieldUnlessTheClientOptsOut() throws Exception {
        String streamed = post("/v1/chat/completions", CHAT_STREAM_BODY).body();
        assertThat(streamed).contains("\"reasoning_content\":\"secret thoughts\"").contains("\"content\":\"Answer\"")
                .doesNotContain("\"content\":\"secret thoughts");
        String whole = post("/v1/chat/completions", CHAT_BODY).body();
        assertThat(whole).contains("\"reasoning_content\":\"secret thoughts\"").contains("\"content\":\"Answer\"");

        String optedOut = post("/v1/chat/completions", CHAT_STREAM_BODY.replace("\"stream\":true",
                "\"stream\":true,\"include_reasoning\":false")).body();
        assertThat(optedOut).doesNotContain("secret thoughts");
        String vllmStyle = post("/v1/chat/completions", CHAT_BODY.replace("{\"model\"",
                "{\"reasoning_format\":\"reasoning\",\"model\"")).body();
        assertThat(vllmStyle).contains("\"reasoning\":\"secret thoughts\"").contains("\"content\":\"Answer\"");
    }

    @Test
    void responsesSendsReasoningItemsAsTextOrSummary() throws Exception {
        String plain = post("/v1/responses", RESPONSES_STREAM_BODY).body();
        assertThat(plain).contains("event: response.reasoning_text.delta").contains("\"type\":\"reasoning\"")
                .doesNotContain("encrypted_content");
        assertThat(plain.indexOf("response.reasoning_text.done")).isLessThan(plain.indexOf("response.output_text.delta"));

        String summary = post("/v1/responses", "{\"model\":\"local\",\"stream\":true,\"input\":\"hi\","
                + "\"reasoning\":{\"summary\":\"auto\"},\"include\":[\"reasoning.encrypted_content\"]}").body();
        assertThat(summary).contains("event: response.reasoning_summary_part.added")
                .contains("event: response.reasoning_summary_text.delta").contains("event: response.reasoning_summary_text.done")
                .contains("\"summary\":[{\"type\":\"summary_text\",\"text\":\"secret thoughts\"}]")
                .contains("\"encrypted_content\":\"sig\"").doesNotContain("reasoning_text");

        String off = post("/v1/responses", "{\"model\":\"local\",\"stream\":true,\"input\":\"hi\","
                + "\"reasoning\":{\"summary\":\"none\"}}").body();
        assertThat(off).doesNotContain("secret thoughts").doesNotContain("\"type\":\"reasoning\"");
    }

    @Test
    void officialSdksReadEachApisReasoningChannel() {
        var openai = com.openai.client.okhttp.OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey("unused")
                .maxRetries(0).build();
        var chat = openai.chat().completions().create(com.openai.models.chat.completions.ChatCompletionCreateParams
                .builder().model("local").addUserMessage("hi").build());
        var message = chat.choices().get(0).message();
        assertThat(message.content()).contains("Answer");
        assertThat(message._additionalProperties().get("reasoning_content").asString()).contains("secret thoughts");

        var response = openai.responses().create(com.openai.models.responses.ResponseCreateParams.builder()
                .model("local").input("hi").build());
        var reasoning = response.output().get(0).asReasoning();
        assertThat(reasoning.content().orElseThrow().get(0).text()).isEqualTo("secret thoughts");
        assertThat(response.output().get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("Answer");

        var anthropic = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder().baseUrl(base()).apiKey("unused")
                .maxRetries(0).build();
        var m = anthropic.messages().create(com.anthropic.models.messages.MessageCreateParams.builder().model("local")
                .maxTokens(64).addUserMessage("hi").build());
        var thinking = m.content().get(0).asThinking();
        assertThat(thinking.thinking()).isEqualTo("secret thoughts");
        assertThat(thinking.signature()).isEqualTo("sig");
        assertThat(m.content().get(1).asText().text()).isEqualTo("Answer");
    }

    @Test
    void anthropicKeepsRedactedThinking() throws Exception {
        router.script = r -> FakeRouter.answer(new ScriptedStream(new StreamEvent.Start("u", "m"),
                new StreamEvent.ReasoningSignature("EnCrYpTeD==", true), new StreamEvent.TextDelta("Answer"),
                new StreamEvent.Stop(StopReason.STOP)));
        String redacted = "{\"type\":\"redacted_thinking\",\"data\":\"EnCrYpTeD==\"}";
        assertThat(post("/v1/messages", MESSAGES_BODY).body()).contains("\"content\":[" + redacted + ",");
        assertThat(post("/v1/messages", MESSAGES_STREAM_BODY).body())
                .contains("\"content_block\":" + redacted);
    }

    @Test
    void dropLeavesReasoningOutOfEveryApi() throws Exception {
        stopServer();
        start(GatewaySettings.loopback(0), new ApiOptions(ApiOptions.Reasoning.DROP, List.of()));
        assertThat(post("/v1/chat/completions", CHAT_STREAM_BODY).body()).doesNotContain("secret thoughts")
                .contains("Answer");
        assertThat(post("/v1/chat/completions", CHAT_BODY).body()).doesNotContain("secret thoughts");
        assertThat(post("/v1/responses", RESPONSES_STREAM_BODY).body()).doesNotContain("secret thoughts")
                .doesNotContain("\"type\":\"reasoning\"");
        assertThat(post("/v1/messages", MESSAGES_BODY).body()).doesNotContain("secret thoughts")
                .doesNotContain("thinking").contains("Answer");
        assertThat(post("/v1/messages", MESSAGES_STREAM_BODY).body()).doesNotContain("secret thoughts")
                .doesNotContain("thinking");
    }

    @Test
    void anthropicAlwaysCarriesThinkingAsThinkingBlocks() throws Exception {
        String body = post("/v1/messages", MESSAGES_BODY).body();
        assertThat(body).contains("{\"type\":\"thinking\",\"thinking\":\"secret thoughts\",\"signature\":\"sig\"}")
                .contains("{\"type\":\"text\",\"text\":\"Answer\"}");
    }
}
