package dev.clawgate.agent.store;

import dev.clawgate.wire.Message;
import java.time.Instant;

/**
 * One stored transcript entry; {@code seq} counts from 1 within its session and never repeats.
 *
 * @param tokens the message's {@link dev.clawgate.usage.TokenEstimator#shared() shared} token estimate
 *     ({@code estimateMessageTokens}), stored with the entry; {@link #UNCOUNTED} for entries stored before
 *     the store kept counts
 */
public record TranscriptEntry(String sessionKey, long seq, EntryKind kind, Message message, Instant createdAt,
        long tokens) {

    public static final long UNCOUNTED = -1;

    public TranscriptEntry(String sessionKey, long seq, EntryKind kind, Message message, Instant createdAt) {
        this(sessionKey, seq, kind, message, createdAt, UNCOUNTED);
    }
}
