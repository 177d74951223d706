package dev.clawgate.channel;

import java.time.Instant;

/** A pending DM pairing request: an unknown sender and the code the operator approves. */
public record PairingRequest(String channel, String code, String senderId, String senderName, Instant createdAt,
        Instant expiresAt) {}
