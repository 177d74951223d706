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

/**
 * {@link SessionStore} in the state database: SQLite's {@code sessions.db} by default, or PostgreSQL shared by
 * several instances (a conversation continues on whichever instance the next request lands on). One set of
 * SQL for both engines; the only difference, locking the session row while the next {@code seq} is chosen, is
 * {@link SqlDatabase.Dialect#forUpdate()}.
 *
 * <p>Every write is one transaction: a turn is wholly stored or not at all, also when the database goes away
 * in the middle (the transaction is rolled back, or dies with the connection).
 */
public final class JdbcSessionStore implements SessionStore {

    /** The tables of this store and their latest migration (db/migration/&lt;engine&gt;/sessions). */
    public static final SqlSchema SCHEMA = new SqlSchema("sessions", 5);

    /** Called inside a turn's transaction after each entry row is inserted; for crash tests only. */
    interface WriteObserver {
        WriteObserver NONE = (key, seq) -> {};

        void entryInserted(String sessionKey, long seq);
    }

    private static final String SESSION_COLUMNS =
            "session_key, agent_id, created_at, updated_at, model_override, compaction_count";
    private static final String ENTRY_COLUMNS = "session_key, seq, kind, role, parts_json, created_at";
    /** Each entry's token estimate, counted once when written (V5); read after {@link #ENTRY_COLUMNS}. */
    private static final String TOKENS_COLUMN = "tokens";

    private final SqlDatabase db;
    private final Clock clock;
    private final WriteObserver observer;
    private final SqlDatabases owned;

    private JdbcSessionStore(SqlDatabase db, Clock clock, WriteObserver observer, SqlDatabases owned) {
        this.db = db;
        this.clock = clock;
        this.observer = observer;
        this.owned = owned;
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
            return new JdbcSessionStore(databases.open(SCHEMA), clock, observer, owned);
        } catch (StateDatabaseException e) {
            throw new SessionStoreException("cannot open the session database: " + e.getMessage(), e);
        }
    }

    /** The database underneath, for {@link JdbcResponseStore}, which shares it. */
    SqlDatabase database() {
        return db;
    }

    @Override
    public SessionRecord ensureSession(String key, String agentId) {
        return inTransaction(connection -> {
            long now = clock.millis();
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO sessions (session_key, agent_id, created_at, updated_at, compaction_count) "
                            + "VALUES (?, ?, ?, ?, 0) ON CONFLICT (session_key) DO NOTHING")) {
                p.setString(1, key);
                p.setString(2, agentId);
                p.setLong(3, now);
                p.setLong(4, now);
                p.executeUpdate();
            }
            SessionRecord session = selectSession(connection, key).orElseThrow();
            if (!session.agentId().equals(agentId)) {
                throw new SessionStoreException("session " + key + " belongs to agent " + session.agentId()
                        + ", not " + agentId);
            }
            return session;
        });
    }

    @Override
    public Optional<SessionRecord> findSession(String key) {
        return locked(connection -> selectSession(connection, key));
    }

    @Override
    public List<SessionRecord> listSessions(String agentId) {
        return locked(connection -> {
            String sql = "SELECT " + SESSION_COLUMNS + " FROM sessions"
                    + (agentId == null ? "" : " WHERE agent_id = ?") + " ORDER BY updated_at DESC, session_key";
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                if (agentId != null) {
                    p.setString(1, agentId);
                }
                List<SessionRecord> sessions = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(session(rs));
                    }
                }
                return sessions;
            }
        });
    }

    @Override
    public void setModelOverride(String key, String modelRef) {
        locked(connection -> {
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
            SessionRecord session = selectSession(connection, key)
                    .orElseThrow(() -> new SessionStoreException("no session " + key));
            if (selectSession(connection, archivedKey).isPresent()) {
                throw new SessionStoreException("session " + archivedKey + " already exists");
            }
            // The foreign keys have no ON UPDATE CASCADE: insert the new parent, move the children, drop the old.
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO sessions (" + SESSION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, archivedKey);
                p.setString(2, session.agentId());
                p.setLong(3, session.createdAt().toEpochMilli());
                p.setLong(4, clock.millis());
                p.setString(5, session.modelOverride());
                p.setInt(6, session.compactionCount());
                p.executeUpdate();
            }
            for (String table : List.of("transcript_entries", "usage_ledger")) {
                try (PreparedStatement p = connection.prepareStatement(
                        "UPDATE " + table + " SET session_key = ? WHERE session_key = ?")) {
                    p.setString(1, archivedKey);
                    p.setString(2, key);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM sessions WHERE session_key = ?")) {
                p.setString(1, key);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<TranscriptEntry> transcript(String key) {
        return transcriptFrom(key, 1);
    }

    @Override
    public List<TranscriptEntry> transcriptFrom(String key, long fromSeq) {
        return locked(connection -> selectEntries(connection, "SELECT " + ENTRY_COLUMNS + ", " + TOKENS_COLUMN
                + " FROM transcript_entries WHERE session_key = ? AND seq >= ? ORDER BY seq", key, fromSeq));
    }

    @Override
    public List<TranscriptEntry> transcriptTail(String key, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return locked(connection -> {
            List<TranscriptEntry> newestFirst = selectEntries(connection, "SELECT " + ENTRY_COLUMNS + ", " + TOKENS_COLUMN
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
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO transcript_entries (" + ENTRY_COLUMNS + ", " + TOKENS_COLUMN + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Turn.Entry entry : entries) {
                p.setString(1, key);
                p.setLong(2, seq);
                p.setString(3, entry.kind().dbValue());
                p.setString(4, MessageJson.roleName(entry.message().role()));
                p.setString(5, MessageJson.partsToJson(entry.message().parts()));
                p.setLong(6, now);
                long tokens = TokenEstimator.shared().estimateMessageTokens(entry.message());
                p.setLong(7, tokens);
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

    /** The next seq; also fails for an unknown session, before anything is written. */
    private long nextSeq(Connection connection, String key) throws SQLException {
        // locks the session row on PostgreSQL: two instances appending at once get distinct seqs
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT session_key FROM sessions WHERE session_key = ?" + db.dialect().forUpdate())) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return maxSeq(connection, key) + 1;
                }
            }
        }
        throw new SessionStoreException("no session " + key + "; call ensureSession first");
    }

    private static long maxSeq(Connection connection, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM transcript_entries WHERE session_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static Optional<SessionRecord> selectSession(Connection connection, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT " + SESSION_COLUMNS + " FROM sessions WHERE session_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(session(rs)) : Optional.empty();
            }
        }
    }

    private static List<TranscriptEntry> selectEntries(Connection connection, String sql, String key, long number) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, key);
            p.setLong(2, number);
            List<TranscriptEntry> entries = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Message message = new Message(MessageJson.parseRole(rs.getString(4)),
                            MessageJson.partsFromJson(rs.getString(5)));
                    long tokens = rs.getLong(7);
                    if (rs.wasNull()) {
                        tokens = TranscriptEntry.UNCOUNTED;
                    }
                    entries.add(new TranscriptEntry(rs.getString(1), rs.getLong(2), EntryKind.fromDb(rs.getString(3)),
                            message, Instant.ofEpochMilli(rs.getLong(6)), tokens));
                }
            }
            return entries;
        }
    }

    private static SessionRecord session(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getInt(6));
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
