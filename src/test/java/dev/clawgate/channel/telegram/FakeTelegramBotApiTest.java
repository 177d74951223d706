package dev.clawgate.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.SendResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loopback Bot API answers the published client as Telegram does: editMessageText here. */
@Timeout(30)
class FakeTelegramBotApiTest {

    private FakeTelegramBotApi telegram;
    private TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegramBotApi(TelegramGateway.TOKEN);
        bot = new TelegramBot.Builder(TelegramGateway.TOKEN).apiUrl(telegram.root() + "/bot").build();
    }

    @AfterEach
    void stop() {
        bot.shutdown();
        telegram.close();
    }

    /**
     * editMessageText with the edited message as its result: the client's own {@link EditMessageText} reads only
     * ok and the error (the API answers {@code true} instead for inline messages), so this reads the Message.
     */
    static final class EditChatMessageText extends BaseRequest<EditChatMessageText, SendResponse> {
        EditChatMessageText(long chatId, int messageId, String text) {
            super(SendResponse.class);
            add("chat_id", chatId).add("message_id", messageId).add("text", text);
        }

        @Override
        public String getMethod() {
            return "editMessageText";
        }
    }

    @Test
    void editMessageTextReturnsTheEditedMessageAndRefusesANoOpOrAnUnknownMessage() {
        SendResponse sent = bot.execute(new SendMessage(42L, "<b>draft</b>").parseMode(ParseMode.HTML));
        assertThat(sent.isOk()).isTrue();
        int id = sent.message().messageId();

        SendResponse edited = bot.execute(new EditChatMessageText(42L, id, "final answer"));
        assertThat(edited.isOk()).isTrue();
        Message m = edited.message();
        assertThat(m.messageId()).isEqualTo(id);
        assertThat(m.text()).isEqualTo("final answer");
        assertThat(m.editDate()).isNotNull().isPositive();
        assertThat(m.chat().id()).isEqualTo(42L);
        assertThat(telegram.edits.drain())
                .containsExactly(new FakeTelegramBotApi.Edited("42", id, "final answer", null));

        BaseResponse same = bot.execute(new EditMessageText(42L, id, "final answer"));
        assertThat(same.isOk()).isFalse();
        assertThat(same.errorCode()).isEqualTo(400);
        assertThat(same.description()).startsWith("Bad Request: message is not modified");
        // the same words in bold are a change
        assertThat(bot.execute(new EditMessageText(42L, id, "<b>final answer</b>").parseMode(ParseMode.HTML)).isOk())
                .isTrue();

        BaseResponse missing = bot.execute(new EditMessageText(42L, id + 100, "x"));
        assertThat(missing.errorCode()).isEqualTo(400);
        assertThat(missing.description()).isEqualTo("Bad Request: message to edit not found");
        BaseResponse empty = bot.execute(new EditMessageText(42L, id, ""));
        assertThat(empty.description()).isEqualTo("Bad Request: message text is empty");
        BaseResponse broken = bot.execute(new EditMessageText(42L, id, "<blink>x</blink>").parseMode(ParseMode.HTML));
        assertThat(broken.description())
                .startsWith("Bad Request: can't parse entities: Unsupported start tag \"blink\"");
        assertThat(telegram.requestsTo("editMessageText")).isEqualTo(6);
    }
}
