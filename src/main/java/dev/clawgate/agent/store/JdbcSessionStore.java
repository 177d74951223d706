package dev.clawgate.agent.store;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link SessionStore} in the state database: SQLite's {@code sessions.db} by default, or PostgreSQL shared by
 * several instances (a conversation continues on whichever instance the next request lands on). One set of
 * SQL for both engines; the only difference, locking the session row while the next {@code seq} is chosen, is
 * {@link SqlDatabase.Dialect#forUpdate()}.
 *
 * <p>Every write is one transaction: a turn is wholly stored or not at all, also when the database goes away
 * in the middle (the transaction is rolled back, or dies with the connection).
 *
 * <p>A turn writes through {@link #fencedBy} its lease's fence: each of its writes checks the fence against the
 * session row's inside that write's transaction ({@link SessionFence}), so a holder whose lease ran out while
 * another instance took the session over has every later write refused, whole.
 */
public final class JdbcSessionStore implements SessionStore {

    /** The tables of this store and their latest migration (db/migration/&lt;engine&gt;/sessions). */
    public static final SqlSchema SCHEMA = new SqlSchema("sessions", 6);

    /** Called inside a turn's transaction after each entry row is inserted; for crash tests only. */
    interface WriteObserver {
        WriteObserver NONE = (key, seq) -> {};

        void entryInserted(String sessionKey, long seq);
    }


    private final SqlDatabase db;
    private final Clock clock;
    private final WriteObserver observer;
    private final SqlDatabases owned;
    /** The fence this view's writes carry; 0 for the unfenced store. */
    private final long fence;

    private JdbcSessionStore(SqlDatabase db, Clock clock, WriteObserver observer, SqlDatabases owned, long fence) {
        this.db = db;
        this.clock = clock;
        this.observer = observer;
        this.owned = owned;
        this.fence = fence;
    }

    /** The store on the sessions schema of {@code databases}, migrated to the latest version. */
    public static JdbcSessionStore open(SqlDatabases databases) {
        return open(databases, Clock.systemUTC(), WriteObserver.NONE);
    }

    /** As {@link #open(SqlDatabases)}, and closing the store closes {@code databases} (opened for it alone). */
    public static JdbcSessionStore openOwning(SqlDatabases databases) {
        return open(databases, Clock.systemUTC(), WriteObserver.NONE, databases);
    }

    static JdbcSessionStore open(SqlDatabases databases, Clock clock, WriteObserver observer) {
        return open(databases, clock, observer, null);
    }

    static JdbcSessionStore open(SqlDatabases databases, Clock clock, WriteObserver observer, SqlDatabases owned) {
        try {
            return new JdbcSessionStore(databases.open(SCHEMA), clock, observer, owned, 0);
        } catch (StateDatabaseException e) {
            throw new SessionStoreException("cannot open the session database: " + e.getMessage(), e);
        }
    }

    /** The database underneath, for {@link JdbcResponseStore}, which shares it. */
    SqlDatabase database() {
        return db;
    }

    @Override
    public JdbcSessionStore fencedBy(long fence) {
        if (fence <= 0) {
            throw new IllegalArgumentException("a turn lease's fence is positive, not " + fence);
        }
        return new JdbcSessionStore(db, clock, observer, null, fence);
    }

    @Override
    public long storedFence(String key) {
        return locked(connection -> SessionFence.stored(connection, key, "").orElse(0));
    }

    @Override
    public SessionRecord ensureSession(String key, String agentId) {
        return inTransaction(connection -> {
            insertSession(connection, key, agentId);
            return SessionRows.sessionOf(connection, key, agentId);
        });
    }

    @Override
    public SessionRecord claimTurn(String key, String agentId) {
        if (fence == 0) {
            throw new IllegalStateException("only a fenced store (fencedBy) claims a session for a turn");
        }
        return inTransaction(connection -> {
            if (!insertSession(connection, key, agentId)) { // a new session is born with this fence
                SessionFence.claim(connection, key, lockRow(connection, key), fence);
            }
            return SessionRows.sessionOf(connection, key, agentId);
        });
    }

    /** Inserts the session with this view's fence unless it exists; true when it was inserted. */
    private boolean insertSession(Connection connection, String key, String agentId) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO sessions (session_key, agent_id, created_at, updated_at, compaction_count, fence) "
                        + "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (session_key) DO NOTHING")) {
            p.setString(1, key);
            p.setString(2, agentId);
            p.setLong(3, now);
            p.setLong(4, now);
            p.setLong(5, fence);
            return p.executeUpdate() > 0;
        }
    }

    @Override
    public Optional<SessionRecord> findSession(String key) {
        return locked(connection -> SessionRows.selectSession(connection, key));
    }

    @Override
    public List<SessionRecord> listSessions(String agentId) {
        return locked(connection -> {
            String sql = "SELECT " + SessionRows.SESSION_COLUMNS + " FROM sessions"
                    + (agentId == null ? "" : " WHERE agent_id = ?") + " ORDER BY updated_at DESC, session_key";
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                if (agentId != null) {
                    p.setString(1, agentId);
                }
                List<SessionRecord> sessions = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(SessionRows.session(rs));
                    }
                }
                return sessions;
            }
        });
    }

    @Override
    public void setModelOverride(String key, String modelRef) {
        inTransaction(connection -> {
            admit(connection, key);
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE sessions SET model_override = ?, updated_at = ? WHERE session_key = ?")) {
                p.setString(1, modelRef);
                p.setLong(2, clock.millis());
                p.setString(3, key);
                if (p.executeUpdate() == 0) {
                    throw new SessionStoreException("no session " + key);
                }
            }
            return null;
        });
    }

    @Override
    public List<TranscriptEntry> appendTurn(String key, Turn turn) {
        return inTransaction(connection -> {
            long now = clock.millis();
            List<TranscriptEntry> written = insertEntries(connection, key, turn.entries(), now);
            for (UsageRecord usage : turn.usage()) {
                UsageLedgerRows.insert(connection, key, usage, now);
            }
            return written;
        });
    }

    @Override
    public Optional<TranscriptEntry> findInbound(String key, String inboundId) {
        return locked(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + SessionRows.ENTRY_COLUMNS
                    + " FROM transcript_entries WHERE session_key = ? AND inbound_id = ? ORDER BY seq LIMIT 1")) {
                p.setString(1, key);
                p.setString(2, inboundId);
                return SessionRows.entries(p).stream().findFirst();
            }
        });
    }

    @Override
    public TranscriptEntry appendCompactionSummary(String key, Message summary) {
        return inTransaction(connection -> {
            TranscriptEntry entry = insertEntries(connection, key, List.of(new Turn.Entry(EntryKind.SUMMARY, summary)),
                    clock.millis()).get(0);
            countCompaction(connection, key);
            return entry;
        });
    }

    @Override
    public TranscriptEntry appendCompaction(String key, Message summary, List<Message> keptVerbatim) {
        return inTransaction(connection -> {
            List<Turn.Entry> entries = new ArrayList<>();
            entries.add(new Turn.Entry(EntryKind.SUMMARY, summary));
            keptVerbatim.forEach(m -> entries.add(new Turn.Entry(EntryKind.MESSAGE, m)));
            TranscriptEntry entry = insertEntries(connection, key, entries, clock.millis()).get(0);
            countCompaction(connection, key);
            return entry;
        });
    }

    private static void countCompaction(Connection connection, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE sessions SET compaction_count = compaction_count + 1 WHERE session_key = ?")) {
            p.setString(1, key);
            p.executeUpdate();
        }
    }

    @Override
    public void archiveSession(String key, String archivedKey) {
        inTransaction(connection -> {
            admit(connection, key);
            SessionRecord session = SessionRows.selectSession(connection, key).orElseThrow();
            if (SessionRows.selectSession(connection, archivedKey).isPresent()) {
                throw new SessionStoreException("session " + archivedKey + " already exists");
            }
            SessionRows.moveTo(connection, session, archivedKey, clock.millis());
            return null;
        });
    }

    @Override
    public List<TranscriptEntry> transcript(String key) {
        return transcriptFrom(key, 1);
    }

    @Override
    public List<TranscriptEntry> transcriptFrom(String key, long fromSeq) {
        return locked(connection -> SessionRows.selectEntries(connection, "SELECT " + SessionRows.ENTRY_COLUMNS
                + " FROM transcript_entries WHERE session_key = ? AND seq >= ? ORDER BY seq", key, fromSeq));
    }

    @Override
    public List<TranscriptEntry> transcriptTail(String key, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return locked(connection -> {
            List<TranscriptEntry> newestFirst = SessionRows.selectEntries(connection, "SELECT " + SessionRows.ENTRY_COLUMNS
                    + " FROM transcript_entries WHERE session_key = ? ORDER BY seq DESC LIMIT ?", key, limit);
            return newestFirst.reversed();
        });
    }

    @Override
    public Optional<Long> latestSummarySeq(String key) {
        return locked(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT MAX(seq) FROM transcript_entries WHERE session_key = ? AND kind = 'summary'")) {
                p.setString(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    long seq = rs.next() ? rs.getLong(1) : 0;
                    return rs.wasNull() || seq == 0 ? Optional.<Long>empty() : Optional.of(seq);
                }
            }
        });
    }

    @Override
    public List<UsageRecord> usage(String key) {
        return locked(connection -> UsageLedgerRows.select(connection, key));
    }

    @Override
    public boolean deleteSession(String key) {
        return inTransaction(connection -> {
            if (fence != 0) { // an unknown session is not an error here: false says there was none
                OptionalLong stored = SessionFence.stored(connection, key, db.dialect().forUpdate());
                if (stored.isPresent()) {
                    SessionFence.admit(connection, key, stored.getAsLong(), fence);
                }
            }
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM sessions WHERE session_key = ?")) {
                p.setString(1, key);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void close() {
        if (owned != null) { // else the databases belong to the runtime, which closes them after every store
            owned.close();
        }
    }

    private List<TranscriptEntry> insertEntries(Connection connection, String key, List<Turn.Entry> entries, long now) throws SQLException {
        long seq = nextSeq(connection, key);
        List<TranscriptEntry> written = new ArrayList<>(entries.size());
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO transcript_entries ("
                + SessionRows.ENTRY_COLUMNS + ", inbound_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Turn.Entry entry : entries) {
                p.setString(1, key);
                p.setLong(2, seq);
                p.setString(3, entry.kind().dbValue());
                p.setString(4, MessageJson.roleName(entry.message().role()));
                p.setString(5, MessageJson.partsToJson(entry.message().parts()));
                p.setLong(6, now);
                long tokens = TokenEstimator.shared().estimateMessageTokens(entry.message());
                p.setLong(7, tokens);
                p.setString(8, entry.inboundId());
                p.executeUpdate();
                written.add(new TranscriptEntry(key, seq, entry.kind(), entry.message(), Instant.ofEpochMilli(now), tokens));
                observer.entryInserted(key, seq);
                seq++;
            }
        }
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE sessions SET updated_at = ? WHERE session_key = ?")) {
            p.setLong(1, now);
            p.setString(2, key);
            p.executeUpdate();
        }
        return written;
    }

    /**
     * The next seq, after the fence check; also fails for an unknown session, before anything is written. The
     * session row stays locked (PostgreSQL) until the transaction ends: two instances appending at once get
     * distinct seqs, and no holder with a higher fence can claim the session between the check and the insert.
     */
    private long nextSeq(Connection connection, String key) throws SQLException {
        admit(connection, key);
        return SessionRows.maxSeq(connection, key) + 1;
    }

    /** Locks the session row and lets this view's write through (see {@link SessionFence#admit}). */
    private void admit(Connection connection, String key) throws SQLException {
        SessionFence.admit(connection, key, lockRow(connection, key), fence);
    }

    /** The stored fence, with the session row locked; fails for an unknown session. */
    private long lockRow(Connection connection, String key) throws SQLException {
        return SessionFence.stored(connection, key, db.dialect().forUpdate())
                .orElseThrow(() -> new SessionStoreException("no session " + key + "; call ensureSession first"));
    }

    private <T> T locked(SqlDatabase.Work<T> work) {
        try {
            return db.read(work);
        } catch (StateDatabaseException e) {
            throw new SessionStoreException("session database: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(SqlDatabase.Work<T> work) {
        try {
            return db.transaction(work);
        } catch (StateDatabaseException e) {
            throw new SessionStoreException("session database: " + e.getMessage(), e);
        }
    }
}
