package dev.clawgate.channel.telegram;

import static dev.clawgate.channel.telegram.TelegramGateway.WAIT;
import static dev.clawgate.channel.telegram.TelegramGateway.basic;
import static dev.clawgate.channel.telegram.TelegramGateway.holdUntil;
import static dev.clawgate.channel.telegram.TelegramGateway.lastMessage;
import static dev.clawgate.channel.telegram.TelegramGateway.lastUserText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.ScriptedModelServer;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an answered Telegram message delivers: only the final text on every upstream API, photos to a model that
 * sees them, long replies in chunks, a plain-text retry, and /stop.
 */
class TelegramRepliesTest extends TelegramGatewayTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"openai-completions", "openai-responses", "anthropic-messages", "ollama"})
    void anAllowedDirectMessageGetsOnlyTheFinalText(String api) throws Exception {
        tg.brain = text -> new ScriptedModelServer.Reply("SECRET-REASONING", "<think>SECRET-THINK</think>Hello **Ada**",
                List.of());
        tg.start(api, basic(""));
        tg.telegram.dm(42, "Ada", "hello there");

        FakeTelegramBotApi.Sent sent = tg.telegram.sent.next(WAIT);
        assertThat(sent).isNotNull();
        assertThat(sent.chatId()).isEqualTo("42");
        assertThat(sent.text()).isEqualTo("Hello <b>Ada</b>").doesNotContain("SECRET");
        assertThat(sent.parseMode()).isEqualTo("HTML");
        assertThat(tg.telegram.chatActions.next(WAIT)).isEqualTo("42:typing");
        // the sender travels beside the text as labelled, untrusted metadata
        String seen = lastUserText(tg.model.answered().get(0));
        assertThat(seen).contains("Untrusted context").contains("\"sender_id\" : \"42\"")
                .contains("\"sender_name\" : \"Ada\"").endsWith("hello there");
    }

    @Test
    void aPhotoReachesAModelThatSeesImagesAsItsLargestSize() throws Exception {
        tg.modelInput = "[\"text\", \"image\"]";
        tg.brain = text -> ScriptedModelServer.Reply.text("A cat");
        tg.start(basic(""));
        byte[] jpeg = new byte[3000];
        new Random(7).nextBytes(jpeg);
        tg.telegram.dmPhoto(42, "Ada", "what is this?", jpeg);

        assertThat(tg.telegram.sent.next(WAIT).text()).isEqualTo("A cat");
        assertThat(tg.telegram.fileRequests.drain()).singleElement().isEqualTo("AgACAgIAAxk2"); // not the thumbnail
        Message user = lastMessage(tg.model.answered().get(0));
        assertThat(user.text()).contains("Untrusted context").endsWith("what is this?");
        assertThat(user.parts()).filteredOn(Part.Image.class::isInstance).singleElement()
                .isEqualTo(new Part.Image("image/jpeg", Base64.getEncoder().encodeToString(jpeg), null));
    }

    @Test
    void aPhotoToATextOnlyModelIsAnsweredWithWhy() throws Exception {
        tg.start(basic(""));
        tg.telegram.dmPhoto(42, "Ada", null, new byte[100]);
        assertThat(tg.telegram.sent.next(WAIT).text()).contains("local/m").contains("cannot see images");
        assertThat(tg.telegram.fileRequests.drain()).isEmpty();
        assertThat(tg.model.answered()).isEmpty();
    }

    @Test
    void aPhotoOverMediaMaxMbIsAnsweredWithWhy() throws Exception {
        tg.modelInput = "[\"text\", \"image\"]";
        tg.start(basic(", mediaMaxMb: 0.001"));
        tg.telegram.dmPhoto(42, "Ada", "look", new byte[5000]);
        assertThat(tg.telegram.sent.next(WAIT).text()).contains("too big").contains("0.001 MB");
        assertThat(tg.model.answered()).isEmpty();
    }

    @Test
    void aLongReplyIsSplitWithinTheLimit() throws Exception {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; longText.length() < 9000; i++) {
            longText.append("Paragraph ").append(i).append(": ").append("word ".repeat(60).strip()).append("\n\n");
        }
        String reply = longText.toString().strip();
        tg.brain = text -> ScriptedModelServer.Reply.text(reply);
        tg.start(basic(""));
        tg.telegram.dm(42, "Ada", "write a lot");

        List<FakeTelegramBotApi.Sent> parts = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        while (joined.length() < reply.length() - 10) {
            FakeTelegramBotApi.Sent s = tg.telegram.sent.next(WAIT);
            assertThat(s).as("chunk %d", parts.size() + 1).isNotNull();
            parts.add(s);
            joined.append(s.text()).append("\n\n");
        }
        assertThat(parts).hasSizeBetween(3, 4).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(4000));
        assertThat(joined.toString().strip()).isEqualTo(reply);
    }

    @Test
    void aFormattingRejectionIsRetriedAsPlainText() throws Exception {
        tg.brain = text -> ScriptedModelServer.Reply.text("Some **bold** claim");
        tg.start(basic(""));
        tg.telegram.rejectHtml(true);
        tg.telegram.dm(42, "Ada", "format this");
        FakeTelegramBotApi.Sent sent = tg.telegram.sent.next(WAIT);
        assertThat(sent.parseMode()).isNull();
        assertThat(sent.text()).isEqualTo("Some **bold** claim");
        assertThat(tg.telegram.requestsTo("sendMessage")).isEqualTo(2);
    }

    @Test
    void stopAbortsASlowTurnAndNothingOfItIsDelivered() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        tg.brain = text -> {
            if (text.endsWith("think hard")) {
                holdUntil(slowStarted, release);
                return ScriptedModelServer.Reply.text("too late");
            }
            return ScriptedModelServer.Reply.text("next answer");
        };
        tg.start(basic(""));
        try {
            tg.telegram.dm(42, "Ada", "think hard");
            assertThat(slowStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            tg.telegram.dm(42, "Ada", "/stop");
            assertThat(tg.telegram.sent.next(WAIT).text()).isEqualTo("Stopped.");
            tg.telegram.dm(42, "Ada", "and now?");
            assertThat(tg.telegram.sent.next(WAIT).text()).isEqualTo("next answer");
            assertThat(tg.telegram.sent.drain()).isEmpty();
        } finally {
            release.countDown();
        }
    }
}
