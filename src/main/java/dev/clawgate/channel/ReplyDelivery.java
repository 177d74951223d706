package dev.clawgate.channel;

import dev.clawgate.routing.Sleeper;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a reply: cut into chunks within the channel's limit, each sent formatted and, when the channel
 * rejects the formatting, again as plain text; {@code retry_after} waits are honoured, transient failures
 * retried with backoff, all within a bounded number of attempts per chunk.
 */
public final class ReplyDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDelivery.class);
    static final int MAX_ATTEMPTS = 6;
    /** A {@code retry_after} above this is not waited for: the chunk fails instead of blocking the chat. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final Sleeper sleeper;

    public ReplyDelivery(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** Sends every chunk in order; stops at the first chunk that cannot be delivered. */
    public void deliver(ChatTransport transport, ChannelPolicy policy, String chatId, String text,
            InboundMessage replyTo) throws DeliveryException, InterruptedException {
        List<String> chunks = TextChunker.split(text, policy.textChunkLimit(), policy.newlineChunks());
        for (int i = 0; i < chunks.size(); i++) {
            sendChunk(transport, chatId, chunks.get(i), i == 0 ? replyTo : null);
        }
    }

    private void sendChunk(ChatTransport transport, String chatId, String chunk, InboundMessage replyTo)
            throws DeliveryException, InterruptedException {
        boolean formatted = true;
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                transport.send(chatId, chunk, formatted, replyTo);
                return;
            } catch (DeliveryException e) {
                if (attempt >= MAX_ATTEMPTS || e.kind() == DeliveryException.Kind.PERMANENT) {
                    throw e;
                }
                switch (e.kind()) {
                    case FORMATTING_REJECTED -> {
                        if (!formatted) {
                            throw e;
                        }
                        LOG.info("channel rejected the formatting ({}); sending as plain text", e.getMessage());
                        formatted = false;
                    }
                    case RATE_LIMITED -> {
                        Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff;
                        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                            throw e;
                        }
                        LOG.info("channel rate limit: waiting {} s as asked", wait.toSeconds());
                        sleeper.sleep(wait);
                    }
                    default -> {
                        sleeper.sleep(backoff);
                        backoff = backoff.multipliedBy(2);
                    }
                }
            }
        }
    }
}
