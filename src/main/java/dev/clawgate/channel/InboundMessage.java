package dev.clawgate.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * One message from a chat, as every channel hands it to the inbox.
 *
 * @param channel {@code telegram} or {@code whatsapp}
 * @param messageId the channel's id of the message, unique within the channel (deduplication key)
 * @param chatId where the reply goes (Telegram chat id, WhatsApp phone number)
 * @param senderId who wrote it (Telegram user id, WhatsApp number in E.164 without {@code +})
 * @param senderName the sender's display name, or null
 * @param groupTitle the group's title, or null
 * @param text the text (caption for media); empty when there is none
 * @param mentionsBot true when the message mentions the bot or replies to it (groups)
 * @param media the kind of an attachment ({@code photo}, {@code voice}, …), or null; only photos reach the model
 * @param mediaRef the channel's handle to download a photo with (Telegram {@code file_id} of the largest size,
 *     WhatsApp media id), or null
 */
public record InboundMessage(String channel, String messageId, String chatId, ChatType chatType, String senderId,
        String senderName, String groupTitle, String text, boolean mentionsBot, String media, String mediaRef) {

    @JsonCreator
    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(senderId, "senderId");
        text = text == null ? "" : text;
    }

    /** A message without a downloadable attachment. */
    public InboundMessage(String channel, String messageId, String chatId, ChatType chatType, String senderId,
            String senderName, String groupTitle, String text, boolean mentionsBot, String media) {
        this(channel, messageId, chatId, chatType, senderId, senderName, groupTitle, text, mentionsBot, media, null);
    }

    /** True for a photo the channel can download and pass to a model that sees images. */
    public boolean hasPhoto() {
        return "photo".equals(media) && mediaRef != null;
    }

    /** The peer the session belongs to: the sender in a DM, the group in a group. */
    public String peerId() {
        return chatType == ChatType.DIRECT ? senderId : chatId;
    }
}
