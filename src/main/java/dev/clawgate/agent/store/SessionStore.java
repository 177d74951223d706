package dev.clawgate.agent.store;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * Sessions, their transcripts and the usage ledger.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>{@link #appendTurn} is atomic: after a crash a turn is either wholly present or absent, and
 *       turns committed before it are never damaged.
 *   <li>Transcript {@code seq} numbers are assigned by the store, start at 1 per session and only grow.
 *   <li>Methods are thread-safe. Serialising <em>runs</em> on a session is not the store's job but
 *       {@link SessionLocks}' (in this process) and {@link dev.clawgate.state.TurnLocks}' (across instances).
 *   <li>Fencing: a turn writes through {@link #fencedBy} its turn lease's fence and starts with
 *       {@link #claimTurn}. Every write of a fenced store (entries, compactions, the aborted marker, the model
 *       override, archiving, deleting) is refused whole, with {@link SessionTakenOverException}, once a lease
 *       with a higher fence has claimed or written to the session; so a holder whose lease lapsed (a GC pause,
 *       a partition) cannot append after the next holder started. The unfenced store's writes are not checked.
 * </ul>
 *
 * <p>{@link JdbcSessionStore} is the implementation, on SQLite or PostgreSQL. The schema
 * (db/migration/&lt;engine&gt;/sessions) sticks to SQL both accept — {@code BIGINT} epoch milliseconds instead of
 * timestamp types, {@code TEXT} JSON instead of {@code JSONB}, {@code INSERT … ON CONFLICT DO NOTHING}, no
 * SQLite-only functions — so the engines differ in their migration folders (the identity column) and connection
 * setup, not in queries.
 */
public interface SessionStore extends AutoCloseable {

    /** Returns the session, creating it for {@code agentId} when it does not exist yet. */
    SessionRecord ensureSession(String key, String agentId);

    /**
     * This store, writing as the holder of the turn lease with {@code fence} (positive): every write is refused
     * with {@link SessionTakenOverException} when the session's stored fence is higher, and otherwise raises the
     * stored fence to {@code fence}. Reads are the store's own. Cheap: no connection of its own, nothing to close.
     */
    SessionStore fencedBy(long fence);

    /**
     * The highest fence that claimed or wrote to the session; 0 when none did or there is no session. Turn locks
     * hand out fences above it ({@link dev.clawgate.state.TurnLocks#acquire}), so that fences stay increasing
     * whatever the lock service forgot (a Redis restarted without persistence, instances on local locks).
     */
    long storedFence(String key);

    /**
     * On a {@link #fencedBy fenced} store: {@link #ensureSession}, and claims the session for this fence's turn
     * (refused unless the fence is above the stored one, equal included), in one transaction.
     *
     * @throws SessionTakenOverException when another holder's fence is stored already
     * @throws IllegalStateException on the unfenced store
     */
    SessionRecord claimTurn(String key, String agentId);

    Optional<SessionRecord> findSession(String key);

    /** Sessions, most recently updated first; {@code agentId} null for all agents. */
    List<SessionRecord> listSessions(String agentId);

    /** Sets or (with null) clears the session's model override. */
    void setModelOverride(String key, String modelRef);

    /** Stores a whole turn atomically and returns its entries with their assigned {@code seq}. */
    List<TranscriptEntry> appendTurn(String key, Turn turn);

    /**
     * The entry that stored the chat message {@code inboundId} ({@link Turn.Entry#inboundId}) in this session,
     * if any: a message run again after a restart reuses it instead of storing the user's text twice.
     */
    Optional<TranscriptEntry> findInbound(String key, String inboundId);

    /** Appends a compaction summary and counts the compaction, atomically. */
    TranscriptEntry appendCompactionSummary(String key, dev.clawgate.wire.Message summary);

    /**
     * Compacts atomically: appends {@code summary} as a summary entry, then copies of {@code keptVerbatim}
     * (the recent messages the summary does not cover) as ordinary entries, and counts the compaction.
     * Copying the kept tail behind the summary keeps the model's context one contiguous range, "the latest
     * summary and everything after it", which {@link #latestSummarySeq} and {@link #transcriptFrom} read
     * with one indexed query; the originals stay where they were, so the full transcript still reads in order.
     *
     * @return the summary entry
     */
    TranscriptEntry appendCompaction(String key, dev.clawgate.wire.Message summary,
            List<dev.clawgate.wire.Message> keptVerbatim);

    /**
     * Moves the session with its transcript and usage rows to {@code archivedKey} (a fresh {@code /new} or
     * {@code /reset} starts under the old key), atomically. The archive stays readable under its new key.
     *
     * @throws SessionStoreException when there is no session {@code key} or {@code archivedKey} is taken
     */
    void archiveSession(String key, String archivedKey);

    /** The whole transcript in order. Prefer {@link #transcriptFrom} or {@link #transcriptTail} for context. */
    List<TranscriptEntry> transcript(String key);

    /** Entries with {@code seq >= fromSeq}, in order (e.g. from the latest summary on). */
    List<TranscriptEntry> transcriptFrom(String key, long fromSeq);

    /** The last {@code limit} entries, in order. */
    List<TranscriptEntry> transcriptTail(String key, int limit);

    /** The seq of the latest summary entry, if the session was ever compacted. */
    Optional<Long> latestSummarySeq(String key);

    /** The session's usage rows, oldest first. */
    List<UsageRecord> usage(String key);

    /** Deletes the session with its transcript and usage rows; false when there was none. */
    boolean deleteSession(String key);

    /** Writes the session as JSONL: a session line, one line per entry, one per usage row. */
    default void exportJsonl(String key, Writer out) throws IOException {
        SessionJsonl.write(this, key, out);
    }

    @Override
    void close();
}
