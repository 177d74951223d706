package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recently used sessions' contexts, kept in memory so that a turn reads from the store and counts
 * tokens only for the entries written since the session's previous turn: without it, turn 1,000 of a
 * session re-read and re-counted 2,000 messages. Bounded: the least recently used session is dropped
 * beyond {@value #MAX_SESSIONS}, and each session holds only its context (the latest summary and what
 * follows; compaction keeps that inside the model's window).
 *
 * <p>The store stays the truth. Each load re-reads the last entry it knows and checks it is unchanged, so a
 * session archived by {@code /new} (here or in another process) or deleted is read afresh; a compaction
 * arrives as a new summary entry, which replaces everything before it, exactly as a full read would.
 * Thread-safe; a session is only ever loaded under its run lock.
 */
final class SessionWorkingSet {

    static final int MAX_SESSIONS = 256;

    /** A session's stored context as read so far. */
    static final class Items {
        private String summary;
        private final List<SessionContext.Counted> messages = new ArrayList<>();
        private long lastSeq;
        private TranscriptEntry last;

        /**
         * Applies one stored entry, in seq order. A message's count is the one the store keeps with it (counted
         * once when written, with the shared estimator the runtime uses), so the first load after a restart
         * counts nothing; only entries stored before the store kept counts are counted here.
         */
        void add(TranscriptEntry entry, TokenEstimator tokens) {
            switch (entry.kind()) {
                case SUMMARY -> {
                    summary = entry.message().text();
                    messages.clear();
                }
                case MESSAGE -> messages.add(new SessionContext.Counted(entry.message(),
                        entry.tokens() != TranscriptEntry.UNCOUNTED ? entry.tokens() : tokens.estimateMessageTokens(entry.message())));
                case ABORTED -> {
                    Message marker = Message.assistant(SessionContext.ABORTED_MARKER);
                    messages.add(new SessionContext.Counted(marker, tokens.estimateMessageTokens(marker)));
                }
                case NOTICE -> { }
            }
            lastSeq = entry.seq();
            last = entry;
        }

        String summary() {
            return summary;
        }

        List<SessionContext.Counted> messages() {
            return messages;
        }
    }

    private final SessionStore store;
    private final TokenEstimator tokens;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Items> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Items> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    SessionWorkingSet(SessionStore store, TokenEstimator tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    /**
     * The session's context now; reads only the entries written since the last load.
     *
     * @param runningTurnStored how many messages at the end belong to the turn now running
     */
    SessionContext load(String key, int runningTurnStored) {
        Items items = cached(key);
        List<TranscriptEntry> fresh = null;
        if (items != null && items.last != null) {
            List<TranscriptEntry> since = store.transcriptFrom(key, items.lastSeq);
            if (!since.isEmpty() && sameEntry(since.get(0), items.last)) {
                fresh = since.subList(1, since.size());
            }
        }
        if (fresh == null) { // first load, or the session changed under us (archived, deleted): read it all
            items = new Items();
            Optional<Long> summarySeq = store.latestSummarySeq(key);
            fresh = store.transcriptFrom(key, summarySeq.orElse(1L));
        }
        for (TranscriptEntry entry : fresh) {
            items.add(entry, tokens);
        }
        remember(key, items);
        return SessionContext.of(items.summary(), items.messages(), runningTurnStored, tokens);
    }

    /** Forgets a session (archived or deleted by this runtime). */
    void forget(String key) {
        lock.lock();
        try {
            sessions.remove(key);
        } finally {
            lock.unlock();
        }
    }

    private static boolean sameEntry(TranscriptEntry a, TranscriptEntry b) {
        return a.seq() == b.seq() && a.kind() == b.kind() && a.createdAt().equals(b.createdAt())
                && a.message().equals(b.message());
    }

    private Items cached(String key) {
        lock.lock();
        try {
            return sessions.get(key);
        } finally {
            lock.unlock();
        }
    }

    private void remember(String key, Items items) {
        lock.lock();
        try {
            sessions.put(key, items);
        } finally {
            lock.unlock();
        }
    }
}
