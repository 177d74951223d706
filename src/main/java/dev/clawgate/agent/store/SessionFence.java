package dev.clawgate.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The fencing of a session's writes: the {@code sessions.fence} column holds the fence of the latest turn lease
 * ({@link dev.clawgate.state.TurnLocks}) that claimed or wrote to the session, and every write of a fenced turn
 * is checked against it inside the write's own transaction, with the session row locked. A write whose fence
 * is lower is refused ({@link SessionTakenOverException}) before anything of it is stored; a higher one raises
 * the stored fence. Fence 0 is an unfenced write (a tool, an administrator's command, a test): it is neither
 * checked nor recorded.
 *
 * <p>A turn claims the session when it starts ({@link #claim}), strictly: an equal fence is refused too, so two
 * instances that both fell back to local locks (Redis down) and drew the same fence cannot both run a turn; the
 * second is refused before it writes. A holder whose lease lapsed is cut off from the moment the next holder
 * claims, not only from the next holder's first entry.
 */
final class SessionFence {

    private SessionFence() {}

    /**
     * The session's stored fence; empty when there is no session. In a transaction, {@code forUpdate} (the
     * dialect's row lock) keeps the row locked until it ends; SQLite's {@code BEGIN IMMEDIATE} already holds the
     * whole database.
     */
    static OptionalLong stored(Connection connection, String key, String forUpdate) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT fence FROM sessions WHERE session_key = ?" + forUpdate)) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Lets a write with {@code fence} through when no later holder stored a higher one, and records it. */
    static void admit(Connection connection, String key, long stored, long fence) throws SQLException {
        if (fence == 0) {
            return;
        }
        if (stored > fence) {
            throw new SessionTakenOverException(key, stored, fence);
        }
        if (fence > stored) {
            record(connection, key, fence);
        }
    }

    /** Claims the session for a new turn with {@code fence}: refused unless it is above the stored one. */
    static void claim(Connection connection, String key, long stored, long fence) throws SQLException {
        if (stored >= fence) {
            throw new SessionTakenOverException(key, stored, fence);
        }
        record(connection, key, fence);
    }

    private static void record(Connection connection, String key, long fence) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("UPDATE sessions SET fence = ? WHERE session_key = ?")) {
            p.setLong(1, fence);
            p.setString(2, key);
            p.executeUpdate();
        }
    }
}
