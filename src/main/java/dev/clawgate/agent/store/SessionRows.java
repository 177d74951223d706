package dev.clawgate.agent.store;

import dev.clawgate.wire.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of {@link JdbcSessionStore}'s tables as records, and the statements more than one write shares. */
final class SessionRows {

    static final String SESSION_COLUMNS =
            "session_key, agent_id, created_at, updated_at, model_override, compaction_count";
    /** An entry's columns as read; {@code tokens}, counted once when written (V5), is null for older rows. */
    static final String ENTRY_COLUMNS = "session_key, seq, kind, role, parts_json, created_at, tokens";

    private SessionRows() {}

    static SessionRecord sessionOf(Connection connection, String key, String agentId) throws SQLException {
        SessionRecord session = selectSession(connection, key).orElseThrow();
        if (!session.agentId().equals(agentId)) {
            throw new SessionStoreException("session " + key + " belongs to agent " + session.agentId()
                    + ", not " + agentId);
        }
        return session;
    }

    static Optional<SessionRecord> selectSession(Connection connection, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT " + SESSION_COLUMNS + " FROM sessions WHERE session_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(session(rs)) : Optional.empty();
            }
        }
    }

    static List<TranscriptEntry> selectEntries(Connection connection, String sql, String key, long number) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, key);
            p.setLong(2, number);
            return entries(p);
        }
    }

    /** Runs {@code p}, a query selecting {@link #ENTRY_COLUMNS}, and maps its rows. */
    static List<TranscriptEntry> entries(PreparedStatement p) throws SQLException {
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

    static SessionRecord session(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getInt(6));
    }

    static long maxSeq(Connection connection, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM transcript_entries WHERE session_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves {@code session} with its transcript and usage rows to {@code archivedKey}; the old row goes. */
    static void moveTo(Connection connection, SessionRecord session, String archivedKey, long now) throws SQLException {
        // The foreign keys have no ON UPDATE CASCADE: insert the new parent, move the children, drop the old.
        // The archive's fence stays 0: no turn writes to it. The key's next row is created by the archiving turn's
        // fenced store, with that turn's fence, so a lapsed holder of the old session cannot write to the new one.
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO sessions (" + SESSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, archivedKey);
            p.setString(2, session.agentId());
            p.setLong(3, session.createdAt().toEpochMilli());
            p.setLong(4, now);
            p.setString(5, session.modelOverride());
            p.setInt(6, session.compactionCount());
            p.executeUpdate();
        }
        for (String table : List.of("transcript_entries", "usage_ledger")) {
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE " + table + " SET session_key = ? WHERE session_key = ?")) {
                p.setString(1, archivedKey);
                p.setString(2, session.key());
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM sessions WHERE session_key = ?")) {
            p.setString(1, session.key());
            p.executeUpdate();
        }
    }
}
