package dev.clawgate.channel.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.request.ChatAction;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.model.File;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.request.SendChatAction;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetFileResponse;
import dev.clawgate.channel.ChatTransport;
import dev.clawgate.channel.ChatType;
import dev.clawgate.channel.DeliveryException;
import dev.clawgate.channel.InboundMessage;
import dev.clawgate.channel.MarkdownFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Replies through {@code sendMessage} (HTML parse mode), "typing…" through {@code sendChatAction}, photos
 * through {@code getFile} and the file download root ({@code <apiRoot>/file/bot<token>/<file_path>}).
 */
final class TelegramTransport implements ChatTransport {

    private final TelegramBot bot;
    private final OkHttpClient http;

    TelegramTransport(TelegramBot bot, OkHttpClient http) {
        this.bot = bot;
        this.http = http;
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

    @Override
    public DownloadedImage downloadPhoto(InboundMessage m, long maxBytes)
            throws DeliveryException, MediaTooLargeException {
        GetFileResponse response;
        try {
            response = bot.execute(new GetFile(m.mediaRef()));
        } catch (RuntimeException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "getFile failed: " + rootMessage(e));
        }
        check("getFile", response);
        File file = response.file();
        if (file == null || file.filePath() == null) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, "getFile returned no file_path");
        }
        if (file.fileSize() != null && file.fileSize() > maxBytes) {
            throw new MediaTooLargeException(file.fileSize(), maxBytes);
        }
        // the URL holds the bot token: it goes into no message
        try (Response download = http.newCall(new Request.Builder().url(bot.getFullFilePath(file)).build()).execute()) {
            if (!download.isSuccessful() || download.body() == null) {
                throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "photo download failed: HTTP "
                        + download.code());
            }
            try (InputStream in = download.body().byteStream()) {
                return new DownloadedImage(mediaType(file.filePath()), ChatTransport.readAtMost(in, maxBytes));
            }
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "photo download failed: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Telegram re-encodes photos as JPEG; a file sent as a photo keeps its extension. */
    private static String mediaType(String filePath) {
        String p = filePath.toLowerCase(Locale.ROOT);
        return p.endsWith(".png") ? "image/png" : p.endsWith(".webp") ? "image/webp" : p.endsWith(".gif")
                ? "image/gif" : "image/jpeg";
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
