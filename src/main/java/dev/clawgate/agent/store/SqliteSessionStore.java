package dev.clawgate.agent.store;

import dev.clawgate.state.DurableSqlite;
import dev.clawgate.wire.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * {@link SessionStore} on an embedded SQLite database file.
 *
 * <p>Settings and why:
 * <ul>
 *   <li>{@code journal_mode=WAL}: readers never block the writer and a crash mid-transaction leaves the
 *       main database untouched; the uncommitted tail of the WAL is ignored on the next open.
 *   <li>{@code synchronous=FULL}: every commit is fsync'ed, so a turn that was acknowledged survives power
 *       loss, not just a process crash ({@code NORMAL} in WAL mode stays consistent but may drop the last
 *       commits on power loss). The cost is one fsync per turn, nothing next to a model call.
 *   <li>{@code busy_timeout=5000}: another process (the CLI beside a running gateway) holding the write lock
 *       makes us wait up to 5 s instead of failing at once.
 *   <li>transactions begin {@code IMMEDIATE}: a turn takes the write lock up front, so a read-then-write
 *       transaction (next seq, then insert) cannot deadlock against another writer.
 *   <li>{@code foreign_keys=ON}: entries and usage rows cannot outlive their session.
 * </ul>
 *
 * <p>One connection serves everything, guarded by a {@link ReentrantLock} (not {@code synchronized}, which
 * would pin virtual threads): SQLite has a single writer anyway, and the reads here are short indexed
 * queries.
 */
public final class SqliteSessionStore implements SessionStore {

    /** Called inside a turn's transaction after each entry row is inserted; for crash tests only. */
    interface WriteObserver {
        WriteObserver NONE = (key, seq) -> {};

        void entryInserted(String sessionKey, long seq);
    }

    private static final String MIGRATIONS_FOLDER = "db/sqlite";
    private static final String SESSION_COLUMNS =
            "session_key, agent_id, created_at, updated_at, model_override, compaction_count";
    private static final String ENTRY_COLUMNS = "session_key, seq, kind, role, parts_json, created_at";

    private final Connection connection;
    private final Clock clock;
    private final WriteObserver observer;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteSessionStore(Connection connection, Clock clock, WriteObserver observer) {
        this.connection = connection;
        this.clock = clock;
        this.observer = observer;
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static SqliteSessionStore open(Path databaseFile) {
        return open(databaseFile, Clock.systemUTC(), WriteObserver.NONE);
    }

    static SqliteSessionStore open(Path databaseFile, Clock clock, WriteObserver observer) {
        try {
            Connection connection = DurableSqlite.open(databaseFile, config -> {
                config.enforceForeignKeys(true);
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            });
            try {
                requireWal(connection);
                SchemaMigrations.migrate(connection, MIGRATIONS_FOLDER);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return new SqliteSessionStore(connection, clock, observer);
        } catch (SQLException | java.io.IOException e) {
            throw new SessionStoreException("cannot open the session database " + databaseFile, e);
        }
    }

    private static void requireWal(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "";
            if (!"wal".equalsIgnoreCase(mode)) {
                // e.g. a file system without shared memory support: fail loudly rather than run unprotected
                throw new SessionStoreException("SQLite refused WAL journal mode (got " + mode + ")");
            }
        }
    }

    @Override
    public SessionRecord ensureSession(String key, String agentId) {
        return locked(() -> {
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
            SessionRecord session = selectSession(key).orElseThrow();
            if (!session.agentId().equals(agentId)) {
                throw new SessionStoreException("session " + key + " belongs to agent " + session.agentId()
                        + ", not " + agentId);
            }
            return session;
        });
    }

    @Override
    public Optional<SessionRecord> findSession(String key) {
        return locked(() -> selectSession(key));
    }

    @Override
    public List<SessionRecord> listSessions(String agentId) {
        return locked(() -> {
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
        locked(() -> {
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
        return inTransaction(() -> {
            long now = clock.millis();
            List<TranscriptEntry> written = insertEntries(key, turn.entries(), now);
            for (UsageRecord usage : turn.usage()) {
                UsageLedgerRows.insert(connection, key, usage, now);
            }
            return written;
        });
    }

    @Override
    public TranscriptEntry appendCompactionSummary(String key, Message summary) {
        return inTransaction(() -> {
            TranscriptEntry entry = insertEntries(key, List.of(new Turn.Entry(EntryKind.SUMMARY, summary)),
                    clock.millis()).get(0);
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE sessions SET compaction_count = compaction_count + 1 WHERE session_key = ?")) {
                p.setString(1, key);
                p.executeUpdate();
            }
            return entry;
        });
    }

    @Override
    public TranscriptEntry appendCompaction(String key, Message summary, List<Message> keptVerbatim) {
        return inTransaction(() -> {
            List<Turn.Entry> entries = new ArrayList<>();
            entries.add(new Turn.Entry(EntryKind.SUMMARY, summary));
            keptVerbatim.forEach(m -> entries.add(new Turn.Entry(EntryKind.MESSAGE, m)));
            TranscriptEntry entry = insertEntries(key, entries, clock.millis()).get(0);
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE sessions SET compaction_count = compaction_count + 1 WHERE session_key = ?")) {
                p.setString(1, key);
                p.executeUpdate();
            }
            return entry;
        });
    }

    @Override
    public void archiveSession(String key, String archivedKey) {
        inTransaction(() -> {
            SessionRecord session = selectSession(key)
                    .orElseThrow(() -> new SessionStoreException("no session " + key));
            if (selectSession(archivedKey).isPresent()) {
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
        return locked(() -> selectEntries("SELECT " + ENTRY_COLUMNS
                + " FROM transcript_entries WHERE session_key = ? AND seq >= ? ORDER BY seq", key, fromSeq));
    }

    @Override
    public List<TranscriptEntry> transcriptTail(String key, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return locked(() -> {
            List<TranscriptEntry> newestFirst = selectEntries("SELECT " + ENTRY_COLUMNS
                    + " FROM transcript_entries WHERE session_key = ? ORDER BY seq DESC LIMIT ?", key, limit);
            return newestFirst.reversed();
        });
    }

    @Override
    public Optional<Long> latestSummarySeq(String key) {
        return locked(() -> {
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
        return locked(() -> UsageLedgerRows.select(connection, key));
    }

    @Override
    public boolean deleteSession(String key) {
        return inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM sessions WHERE session_key = ?")) {
                p.setString(1, key);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new SessionStoreException("cannot close the session database", e);
        } finally {
            lock.unlock();
        }
    }

    private List<TranscriptEntry> insertEntries(String key, List<Turn.Entry> entries, long now) throws SQLException {
        long seq = nextSeq(key);
        List<TranscriptEntry> written = new ArrayList<>(entries.size());
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO transcript_entries (" + ENTRY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Turn.Entry entry : entries) {
                p.setString(1, key);
                p.setLong(2, seq);
                p.setString(3, entry.kind().dbValue());
                p.setString(4, MessageJson.roleName(entry.message().role()));
                p.setString(5, MessageJson.partsToJson(entry.message().parts()));
                p.setLong(6, now);
                p.executeUpdate();
                written.add(new TranscriptEntry(key, seq, entry.kind(), entry.message(), Instant.ofEpochMilli(now)));
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
    private long nextSeq(String key) throws SQLException {
        if (selectSession(key).isEmpty()) {
            throw new SessionStoreException("no session " + key + "; call ensureSession first");
        }
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM transcript_entries WHERE session_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 1;
            }
        }
    }

    private Optional<SessionRecord> selectSession(String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT " + SESSION_COLUMNS + " FROM sessions WHERE session_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(session(rs)) : Optional.empty();
            }
        }
    }

    private List<TranscriptEntry> selectEntries(String sql, String key, long number) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, key);
            p.setLong(2, number);
            List<TranscriptEntry> entries = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Message message = new Message(MessageJson.parseRole(rs.getString(4)),
                            MessageJson.partsFromJson(rs.getString(5)));
                    entries.add(new TranscriptEntry(rs.getString(1), rs.getLong(2), EntryKind.fromDb(rs.getString(3)),
                            message, Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return entries;
        }
    }

    private static SessionRecord session(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getInt(6));
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T locked(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new SessionStoreException("session database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) {
        return locked(() -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** The one connection and its lock, for {@link SqliteResponseStore}, which shares the database file. */
    Connection connection() {
        return connection;
    }

    ReentrantLock lock() {
        return lock;
    }
}
