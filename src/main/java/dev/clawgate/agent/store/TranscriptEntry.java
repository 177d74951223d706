package dev.clawgate.agent.store;

import dev.clawgate.wire.Message;
import java.time.Instant;

/** One stored transcript entry; {@code seq} counts from 1 within its session and never repeats. */
public record TranscriptEntry(String sessionKey, long seq, EntryKind kind, Message message, Instant createdAt) {}
