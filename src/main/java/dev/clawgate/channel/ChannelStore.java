package dev.clawgate.channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the channels keep across restarts: the inbox (every message durable before the channel acknowledges
 * it, deduplicated by message id), each channel's update cursor, and DM pairing.
 */
public interface ChannelStore extends AutoCloseable {

    /** How long a pairing code stays valid. */
    java.time.Duration PAIRING_TTL = java.time.Duration.ofHours(1);
    /** Pending pairing requests per channel; more are ignored until one expires or is approved. */
    int MAX_PENDING_PAIRINGS = 3;

    /**
     * Stores the messages not seen before and, in the same transaction, the channel's cursor (Telegram's next
     * update offset; null to leave it). Returns the newly stored ones, in order.
     */
    List<InboundMessage> accept(String channel, List<InboundMessage> messages, String cursor);

    Optional<String> cursor(String channel);

    /** Messages accepted but not yet answered, oldest first (after a restart: the ones to run again). */
    List<InboundMessage> pending();

    /** The message has been answered (or deliberately dropped); it is never run again. */
    void markDone(String channel, String messageId);

    /** The outcome of {@link #requestPairing}. */
    sealed interface PairingOutcome {
        /** A new request: send the code. */
        record Created(PairingRequest request) implements PairingOutcome {}

        /** The sender already has a pending request: the code is not sent again. */
        record Pending(PairingRequest request) implements PairingOutcome {}

        /** The channel has {@link #MAX_PENDING_PAIRINGS} pending requests already. */
        record Full() implements PairingOutcome {}
    }

    PairingOutcome requestPairing(String channel, String senderId, String senderName, Instant now);

    /** Pending, unexpired requests; {@code channel} null for every channel. */
    List<PairingRequest> pairingRequests(String channel, Instant now);

    /** Approves a pending code: its sender may DM the agent from now on. Empty when no such pending code. */
    Optional<PairingRequest> approve(String channel, String code, Instant now);

    /** Drops a pending code (the sender may ask again later). */
    Optional<PairingRequest> deny(String channel, String code, Instant now);

    /** Senders approved through pairing, normalised. */
    Set<String> approvedSenders(String channel);

    @Override
    void close();
}
