package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reasoning never leaks into answer text; it is delivered only where the client opted in. */
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
    void chatCompletionsLeavesReasoningOutUnlessAsked() throws Exception {
        String plain = post("/v1/chat/completions", CHAT_STREAM_BODY).body();
        assertThat(plain).doesNotContain("secret thoughts").contains("\"content\":\"Answer\"");
        String plainJson = post("/v1/chat/completions", CHAT_BODY).body();
        assertThat(plainJson).doesNotContain("secret thoughts");

        String asked = post("/v1/chat/completions", CHAT_STREAM_BODY.replace("\"stream\":true",
                "\"stream\":true,\"include_reasoning\":true")).body();
        assertThat(asked).contains("\"reasoning_content\":\"secret thoughts\"");
        String vllmStyle = post("/v1/chat/completions", CHAT_BODY.replace("{\"model\"",
                "{\"include_reasoning\":true,\"reasoning_format\":\"reasoning\",\"model\"")).body();
        assertThat(vllmStyle).contains("\"reasoning\":\"secret thoughts\"").contains("\"content\":\"Answer\"");
    }

    @Test
    void responsesSendsReasoningItemsOnlyWhenRequested() throws Exception {
        String plain = post("/v1/responses", RESPONSES_STREAM_BODY).body();
        assertThat(plain).doesNotContain("secret thoughts").doesNotContain("\"type\":\"reasoning\"");
        String asked = post("/v1/responses", "{\"model\":\"local\",\"stream\":true,\"input\":\"hi\","
                + "\"reasoning\":{\"summary\":\"auto\"},\"include\":[\"reasoning.encrypted_content\"]}").body();
        assertThat(asked).contains("event: response.reasoning_text.delta").contains("\"encrypted_content\":\"sig\"");
        assertThat(asked.indexOf("response.reasoning_text.done")).isLessThan(asked.indexOf("response.output_text.delta"));
    }

    @Test
    void anthropicAlwaysCarriesThinkingAsThinkingBlocks() throws Exception {
        String body = post("/v1/messages", MESSAGES_BODY).body();
        assertThat(body).contains("{\"type\":\"thinking\",\"thinking\":\"secret thoughts\",\"signature\":\"sig\"}")
                .contains("{\"type\":\"text\",\"text\":\"Answer\"}");
    }
}
