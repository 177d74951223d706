package dev.clawgate.channel.telegram;

import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.MessageEntity;
import com.pengrad.telegrambot.model.PhotoSize;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;
import dev.clawgate.channel.ChatType;
import dev.clawgate.channel.InboundMessage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/** Telegram updates as inbox messages: who, where, the text, and whether the bot was addressed. */
final class TelegramUpdates {

    static final String CHANNEL = "telegram";

    private TelegramUpdates() {}

    /**
     * The inbox message of an update, or null for updates that carry no chat message (edits, reactions,
     * channel posts, service messages without a sender).
     *
     * @param bot the bot itself (from {@code getMe}), for mention and reply detection
     */
    static InboundMessage toMessage(Update update, User bot) {
        Message m = update.message();
        if (m == null || m.from() == null || m.chat() == null) {
            return null;
        }
        Chat chat = m.chat();
        ChatType type;
        if (chat.type() == Chat.Type.Private) {
            type = ChatType.DIRECT;
        } else if (chat.type() == Chat.Type.group || chat.type() == Chat.Type.supergroup) {
            type = ChatType.GROUP;
        } else {
            return null;
        }
        String text = m.text() != null ? m.text() : m.caption() != null ? m.caption() : "";
        MessageEntity[] entities = m.text() != null ? m.entities() : m.captionEntities();
        User from = m.from();
        String name = from.firstName() == null ? from.username()
                : from.lastName() == null ? from.firstName() : from.firstName() + " " + from.lastName();
        return new InboundMessage(CHANNEL, chat.id() + ":" + m.messageId(), String.valueOf(chat.id()), type,
                String.valueOf(from.id()), name, type == ChatType.GROUP ? chat.title() : null, text,
                type == ChatType.GROUP && addressesBot(m, text, entities, bot), media(m), largestPhoto(m));
    }

    /** The Telegram message id inside an inbox message id ({@code <chatId>:<messageId>}). */
    static Integer telegramMessageId(InboundMessage m) {
        try {
            return Integer.valueOf(m.messageId().substring(m.messageId().lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean addressesBot(Message m, String text, MessageEntity[] entities, User bot) {
        if (bot == null) {
            return false;
        }
        if (m.replyToMessage() != null && m.replyToMessage().from() != null
                && bot.id().equals(m.replyToMessage().from().id())) {
            return true;
        }
        String handle = bot.username() == null ? null : "@" + bot.username().toLowerCase(Locale.ROOT);
        if (entities != null) {
            for (MessageEntity e : entities) {
                if (e.type() == MessageEntity.Type.text_mention && e.user() != null && bot.id().equals(e.user().id())) {
                    return true;
                }
                if ((e.type() == MessageEntity.Type.mention || e.type() == MessageEntity.Type.bot_command)
                        && handle != null && e.offset() != null && e.length() != null
                        && e.offset() + e.length() <= text.length()) {
                    String span = text.substring(e.offset(), e.offset() + e.length()).toLowerCase(Locale.ROOT);
                    if (span.equals(handle) || span.endsWith(handle)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The {@code file_id} of the biggest size Telegram offers of a photo, or null. */
    private static String largestPhoto(Message m) {
        PhotoSize[] sizes = m.photo();
        if (sizes == null || sizes.length == 0) {
            return null;
        }
        return Arrays.stream(sizes).max(Comparator.comparingLong(
                p -> (long) (p.width() == null ? 0 : p.width()) * (p.height() == null ? 0 : p.height())))
                .map(PhotoSize::fileId).orElse(null);
    }

    private static String media(Message m) {
        if (m.photo() != null) {
            return "photo";
        }
        if (m.voice() != null) {
            return "voice";
        }
        if (m.audio() != null) {
            return "audio";
        }
        if (m.video() != null || m.videoNote() != null || m.animation() != null) {
            return "video";
        }
        if (m.document() != null) {
            return "document";
        }
        if (m.sticker() != null) {
            return "sticker";
        }
        if (m.location() != null || m.contact() != null) {
            return "location or contact";
        }
        return null;
    }
}
