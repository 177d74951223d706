package dev.clawgate.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.state.DurableSqlite;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * {@link ChannelStore} in its own SQLite file ({@code channels.db} beside the session database), WAL with
 * full synchronous commits, so that an accepted message survives a crash the moment {@link #accept} returns.
 * A separate file because channel state has its own life: the pairing CLI opens it without touching sessions.
 */
public final class SqliteChannelStore implements ChannelStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Answered messages are kept this long so that late redeliveries (WhatsApp retries) are still recognised. */
    private static final Duration DONE_RETENTION = Duration.ofDays(7);
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS inbox (channel TEXT NOT NULL, message_id TEXT NOT NULL, payload TEXT NOT NULL, "
                + "done INTEGER NOT NULL DEFAULT 0, received_at BIGINT NOT NULL, PRIMARY KEY (channel, message_id))",
        "CREATE TABLE IF NOT EXISTS cursors (channel TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS pairing_requests (channel TEXT NOT NULL, code TEXT NOT NULL, sender_id TEXT NOT NULL, "
                + "sender_name TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (channel, code))",
        "CREATE TABLE IF NOT EXISTS approved_senders (channel TEXT NOT NULL, sender_id TEXT NOT NULL, "
                + "approved_at BIGINT NOT NULL, PRIMARY KEY (channel, sender_id))",
    };

    private final Connection connection;

    private SqliteChannelStore(Connection connection) {
        this.connection = connection;
    }

    /** The channel database in the same folder as {@code sessionDatabase}. */
    public static Path beside(Path sessionDatabase) {
        return sessionDatabase.toAbsolutePath().resolveSibling("channels.db");
    }

    public static SqliteChannelStore open(Path file) {
        try {
            Connection c = DurableSqlite.open(file,
                    config -> config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE));
            try (Statement s = c.createStatement()) {
                for (String sql : SCHEMA) {
                    s.execute(sql);
                }
                s.executeUpdate("DELETE FROM inbox WHERE done = 1 AND received_at < "
                        + (System.currentTimeMillis() - DONE_RETENTION.toMillis()));
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new SqliteChannelStore(c);
        } catch (SQLException | IOException e) {
            throw new ChannelStoreException("cannot open the channel database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<InboundMessage> accept(String channel, List<InboundMessage> messages, String cursor) {
        return inTransaction(() -> {
            List<InboundMessage> fresh = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("INSERT OR IGNORE INTO inbox "
                    + "(channel, message_id, payload, received_at) VALUES (?, ?, ?, ?)")) {
                for (InboundMessage m : messages) {
                    p.setString(1, channel);
                    p.setString(2, m.messageId());
                    p.setString(3, JSON.writeValueAsString(m));
                    p.setLong(4, System.currentTimeMillis());
                    if (p.executeUpdate() == 1) {
                        fresh.add(m);
                    }
                }
            }
            if (cursor != null) {
                try (PreparedStatement p = connection.prepareStatement(
                        "INSERT INTO cursors (channel, value) VALUES (?, ?) ON CONFLICT(channel) DO UPDATE SET value = ?")) {
                    p.setString(1, channel);
                    p.setString(2, cursor);
                    p.setString(3, cursor);
                    p.executeUpdate();
                }
            }
            return fresh;
        });
    }

    @Override
    public synchronized Optional<String> cursor(String channel) {
        return query("SELECT value FROM cursors WHERE channel = ?", p -> p.setString(1, channel),
                rs -> rs.getString(1)).stream().findFirst();
    }

    @Override
    public synchronized List<InboundMessage> pending() {
        return query("SELECT payload FROM inbox WHERE done = 0 ORDER BY rowid", p -> {}, rs -> {
            try {
                return JSON.readValue(rs.getString(1), InboundMessage.class);
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable inbox row: " + e.getOriginalMessage(), e);
            }
        });
    }

    @Override
    public synchronized void markDone(String channel, String messageId) {
        update("UPDATE inbox SET done = 1 WHERE channel = ? AND message_id = ?", p -> {
            p.setString(1, channel);
            p.setString(2, messageId);
        });
    }

    @Override
    public synchronized PairingOutcome requestPairing(String channel, String senderId, String senderName, Instant now) {
        return inTransaction(() -> {
            List<PairingRequest> pending = pairingRequests(channel, now);
            for (PairingRequest r : pending) {
                if (r.senderId().equals(senderId)) {
                    return new PairingOutcome.Pending(r);
                }
            }
            if (pending.size() >= MAX_PENDING_PAIRINGS) {
                return new PairingOutcome.Full();
            }
            PairingRequest request = new PairingRequest(channel, PairingCodes.next(), senderId, senderName, now,
                    now.plus(PAIRING_TTL));
            update("INSERT INTO pairing_requests (channel, code, sender_id, sender_name, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", p -> {
                        p.setString(1, channel);
                        p.setString(2, request.code());
                        p.setString(3, senderId);
                        p.setString(4, senderName);
                        p.setLong(5, now.toEpochMilli());
                        p.setLong(6, request.expiresAt().toEpochMilli());
                    });
            return new PairingOutcome.Created(request);
        });
    }

    @Override
    public synchronized List<PairingRequest> pairingRequests(String channel, Instant now) {
        update("DELETE FROM pairing_requests WHERE expires_at <= ?", p -> p.setLong(1, now.toEpochMilli()));
        String where = channel == null ? "" : " WHERE channel = ?";
        return query("SELECT channel, code, sender_id, sender_name, created_at, expires_at FROM pairing_requests"
                + where + " ORDER BY created_at, rowid", p -> {
                    if (channel != null) {
                        p.setString(1, channel);
                    }
                }, rs -> new PairingRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
    }

    @Override
    public synchronized Optional<PairingRequest> approve(String channel, String code, Instant now) {
        return inTransaction(() -> {
            Optional<PairingRequest> found = take(channel, code, now);
            found.ifPresent(r -> update("INSERT OR REPLACE INTO approved_senders (channel, sender_id, approved_at) "
                    + "VALUES (?, ?, ?)", p -> {
                        p.setString(1, channel);
                        p.setString(2, ChannelPolicy.normalise(r.senderId()));
                        p.setLong(3, now.toEpochMilli());
                    }));
            return found;
        });
    }

    @Override
    public synchronized Optional<PairingRequest> deny(String channel, String code, Instant now) {
        return inTransaction(() -> take(channel, code, now));
    }

    private Optional<PairingRequest> take(String channel, String code, Instant now) {
        String wanted = code.strip().toUpperCase(Locale.ROOT);
        Optional<PairingRequest> found = pairingRequests(channel, now).stream()
                .filter(r -> r.code().equals(wanted)).findFirst();
        found.ifPresent(r -> update("DELETE FROM pairing_requests WHERE channel = ? AND code = ?", p -> {
            p.setString(1, channel);
            p.setString(2, wanted);
        }));
        return found;
    }

    @Override
    public synchronized Set<String> approvedSenders(String channel) {
        return new LinkedHashSet<>(query("SELECT sender_id FROM approved_senders WHERE channel = ?",
                p -> p.setString(1, channel), rs -> rs.getString(1)));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new ChannelStoreException("cannot close the channel database", e);
        }
    }

    // ------------------------------------------------------------------ JDBC plumbing

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run() throws SQLException, JsonProcessingException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            binder.bind(p);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ChannelStoreException("channel database query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Binder binder) {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            binder.bind(p);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new ChannelStoreException("channel database update failed: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            boolean outer = connection.getAutoCommit();
            if (!outer) {
                return work.run();
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new ChannelStoreException("channel database transaction failed: " + e.getMessage(), e);
        }
    }
}
