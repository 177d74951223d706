package dev.clawgate.channel;

import java.util.List;
import java.util.Optional;

/** Where a channel hands what it received. Returns only once the messages are durable. */
public interface ChannelInbox {

    /**
     * Stores the messages (deduplicated by id) and the channel's cursor in one transaction, then queues them
     * for their chats. The channel acknowledges them upstream only after this returns.
     */
    void accept(String channel, List<InboundMessage> messages, String cursor);

    Optional<String> cursor(String channel);
}
