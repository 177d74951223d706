package dev.clawgate.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ChannelStore} in the state database ({@code channels.db} beside the session database by default, or
 * the shared PostgreSQL); every commit is durable, so an accepted message survives a crash the moment
 * {@link #accept} returns. Its own schema because channel state has its own life: the pairing CLI opens it
 * without touching sessions.
 */
public final class JdbcChannelStore implements ChannelStore {

    /** The tables of this store and their latest migration (db/migration/&lt;engine&gt;/channels). */
    public static final SqlSchema SCHEMA = new SqlSchema("channels", 1);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Answered messages are kept this long so that late redeliveries (WhatsApp retries) are still recognised. */
    private static final Duration DONE_RETENTION = Duration.ofDays(7);

    private final SqlDatabase db;
    private final String order;
    private final SqlDatabases owned;

    private JdbcChannelStore(SqlDatabase db, SqlDatabases owned) {
        this.db = db;
        this.order = db.dialect().insertionOrder();
        this.owned = owned;
    }

    public static JdbcChannelStore open(SqlDatabases databases) {
        return open(databases, null);
    }

    /** As {@link #open(SqlDatabases)}, and closing the store closes {@code databases} (opened for it alone). */
    public static JdbcChannelStore openOwning(SqlDatabases databases) {
        return open(databases, databases);
    }

    private static JdbcChannelStore open(SqlDatabases databases, SqlDatabases owned) {
        try {
            JdbcChannelStore store = new JdbcChannelStore(databases.open(SCHEMA), owned);
            store.update("DELETE FROM inbox WHERE done = 1 AND received_at < ?",
                    p -> p.setLong(1, System.currentTimeMillis() - DONE_RETENTION.toMillis()));
            return store;
        } catch (StateDatabaseException e) {
            throw new ChannelStoreException("cannot open the channel database: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<InboundMessage> accept(String channel, List<InboundMessage> messages, String cursor) {
        return inTransaction(connection -> {
            List<InboundMessage> fresh = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO inbox "
                    + "(channel, message_id, payload, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
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
        return query("SELECT payload FROM inbox WHERE done = 0 ORDER BY " + order, p -> {}, rs -> {
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
        return inTransaction(connection -> {
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
                + where + " ORDER BY created_at, " + order, p -> {
                    if (channel != null) {
                        p.setString(1, channel);
                    }
                }, rs -> new PairingRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
    }

    @Override
    public synchronized Optional<PairingRequest> approve(String channel, String code, Instant now) {
        return inTransaction(connection -> {
            Optional<PairingRequest> found = take(channel, code, now);
            found.ifPresent(r -> update("INSERT INTO approved_senders (channel, sender_id, approved_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (channel, sender_id) DO UPDATE SET approved_at = excluded.approved_at", p -> {
                        p.setString(1, channel);
                        p.setString(2, ChannelPolicy.normalise(r.senderId()));
                        p.setLong(3, now.toEpochMilli());
                    }));
            return found;
        });
    }

    @Override
    public synchronized Optional<PairingRequest> deny(String channel, String code, Instant now) {
        return inTransaction(connection -> take(channel, code, now));
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
    public void close() {
        if (owned != null) { // else the databases belong to the runtime, which closes them after every store
            owned.close();
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
        T run(Connection connection) throws SQLException, JsonProcessingException;
    }

    /** The connection of the transaction this thread is in, so that the helpers below join it. */
    private final ThreadLocal<Connection> inTransaction = new ThreadLocal<>();

    private <T> T withConnection(String what, SqlDatabase.Work<T> work) {
        Connection current = inTransaction.get();
        try {
            return current != null ? work.run(current) : db.read(work);
        } catch (SQLException | StateDatabaseException e) {
            throw new ChannelStoreException("channel database " + what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        return withConnection("query", connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                binder.bind(p);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
                return out;
            }
        });
    }

    private void update(String sql, Binder binder) {
        withConnection("update", connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                binder.bind(p);
                return p.executeUpdate();
            }
        });
    }

    private <T> T inTransaction(Work<T> work) {
        Connection current = inTransaction.get();
        try {
            if (current != null) {
                return work.run(current);
            }
            return db.transaction(connection -> {
                inTransaction.set(connection);
                try {
                    return work.run(connection);
                } catch (JsonProcessingException e) {
                    throw new SQLException("unwritable message: " + e.getOriginalMessage(), e);
                } finally {
                    inTransaction.remove();
                }
            });
        } catch (SQLException | JsonProcessingException | StateDatabaseException e) {
            throw new ChannelStoreException("channel database transaction failed: " + e.getMessage(), e);
        }
    }
}
