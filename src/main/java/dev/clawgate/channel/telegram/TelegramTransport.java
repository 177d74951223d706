package dev.clawgate.channel.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.request.ChatAction;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.request.SendChatAction;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.BaseResponse;
import dev.clawgate.channel.ChatTransport;
import dev.clawgate.channel.ChatType;
import dev.clawgate.channel.DeliveryException;
import dev.clawgate.channel.InboundMessage;
import dev.clawgate.channel.MarkdownFormat;
import java.time.Duration;
import java.util.Locale;

/** Replies through {@code sendMessage} (HTML parse mode) and "typing…" through {@code sendChatAction}. */
final class TelegramTransport implements ChatTransport {

    private final TelegramBot bot;

    TelegramTransport(TelegramBot bot) {
        this.bot = bot;
    }

    @Override
    public void send(String chatId, String text, boolean formatted, InboundMessage replyTo) throws DeliveryException {
        SendMessage request = new SendMessage(chatId, formatted ? MarkdownFormat.toTelegramHtml(text) : text);
        if (formatted) {
            request.parseMode(ParseMode.HTML);
        }
        if (replyTo != null && replyTo.chatType() == ChatType.GROUP) {
            Integer id = TelegramUpdates.telegramMessageId(replyTo);
            if (id != null) {
                request.replyParameters(new ReplyParameters(id).allowSendingWithoutReply(true));
            }
        }
        BaseResponse response;
        try {
            response = bot.execute(request);
        } catch (RuntimeException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "sendMessage failed: " + rootMessage(e));
        }
        check("sendMessage", response);
    }

    @Override
    public void typing(String chatId, InboundMessage about) {
        try {
            bot.execute(new SendChatAction(chatId, ChatAction.typing));
        } catch (RuntimeException e) {
            // best effort: a missing "typing…" is not worth a failed reply
        }
    }

    /** Maps a Bot API error to what the caller should do about it. */
    static void check(String method, BaseResponse response) throws DeliveryException {
        if (response == null) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, method + ": empty response");
        }
        if (response.isOk()) {
            return;
        }
        int code = response.errorCode();
        String description = response.description() == null ? "" : response.description();
        String message = method + " failed: " + code + " " + description;
        if (code == 429) {
            Integer after = response.parameters() == null ? null : response.parameters().retryAfter();
            throw new DeliveryException(DeliveryException.Kind.RATE_LIMITED, message,
                    Duration.ofSeconds(after == null ? 1 : after));
        }
        if (code == 400 && description.toLowerCase(Locale.ROOT).contains("can't parse entities")) {
            throw new DeliveryException(DeliveryException.Kind.FORMATTING_REJECTED, message);
        }
        if (code >= 500 || code == 0) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, message);
        }
        throw new DeliveryException(DeliveryException.Kind.PERMANENT, message);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
