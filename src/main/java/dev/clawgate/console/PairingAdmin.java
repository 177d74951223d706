package dev.clawgate.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * DM pairing as the Control UI sees it: the pending requests of the running chat channels and the operator's
 * answer to one, the same as {@code clawgate pairing list|approve|deny}. The gateway adapts the channel store
 * to it (the console does not import {@code channel}).
 */
public interface PairingAdmin {

    /** A sender waiting for approval with the code they were sent. */
    record Pending(String channel, String code, String senderId, String senderName, Instant createdAt,
            Instant expiresAt) {}

    /** The enabled channels ({@code telegram}, {@code whatsapp}). */
    List<String> channels();

    /** Requests not yet expired, every channel, oldest first. */
    List<Pending> pending(Instant now);

    /** Approves a pending code (any case); empty when the channel has no such pending request. */
    Optional<Pending> approve(String channel, String code, Instant now);

    /** Drops a pending code; empty when the channel has no such pending request. */
    Optional<Pending> deny(String channel, String code, Instant now);

    /** No chat channel is enabled. */
    PairingAdmin NONE = new PairingAdmin() {
        @Override
        public List<String> channels() {
            return List.of();
        }

        @Override
        public List<Pending> pending(Instant now) {
            return List.of();
        }

        @Override
        public Optional<Pending> approve(String channel, String code, Instant now) {
            return Optional.empty();
        }

        @Override
        public Optional<Pending> deny(String channel, String code, Instant now) {
            return Optional.empty();
        }
    };
}
