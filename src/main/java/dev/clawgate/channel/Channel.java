package dev.clawgate.channel;

import java.util.List;

/** One chat channel: receives messages into the inbox and sends replies through its transport. */
public interface Channel {

    /** {@code telegram}, {@code whatsapp}. */
    String id();

    ChannelPolicy policy();

    /** Applies a reloaded access and delivery policy ({@code dmPolicy}, {@code allowFrom}, …) to the next messages. */
    void policy(ChannelPolicy next);

    ChatTransport transport();

    /** Starts receiving (a poller, or readiness for webhooks); failures show in {@link #health()}, never thrown. */
    void start(ChannelInbox inbox);

    void stop();

    ChannelHealth health();

    /** The endpoints the gateway mounts for this channel (none for a polling channel). */
    List<Webhook> webhooks();

    /**
     * Checks the credentials once against the channel's API, without starting it or changing anything there
     * ({@code clawgate doctor}).
     */
    ChannelHealth probe();

    /** The text a slash command must have in this channel ({@code /stop@my_bot} becomes {@code /stop}). */
    default String commandText(String text) {
        return text;
    }
}
