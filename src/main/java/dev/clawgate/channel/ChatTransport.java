package dev.clawgate.channel;

/** How replies leave through a channel: one message at a time, plus a typing indicator. */
public interface ChatTransport {

    /**
     * Sends one message of at most the channel's length limit.
     *
     * @param formatted true to render the text's Markdown the channel's way; false for plain text
     * @param replyTo the inbound message this answers, or null
     */
    void send(String chatId, String text, boolean formatted, InboundMessage replyTo) throws DeliveryException;

    /** Shows "typing…" (and, where the channel has them, a read receipt); best effort, never throws. */
    void typing(String chatId, InboundMessage about);
}
