package dev.clawgate.ledger;

import dev.clawgate.state.DurableSqlite;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LedgerStore} in its own SQLite file ({@code ledger.db} beside the session database). The SQL is plain
 * (one table, one index, no SQLite-only syntax) so that another JDBC engine can take the same statements.
 * Costs are kept as integer nano-USD: sums stay exact in SQL, and a nano-dollar is far below any price step.
 */
public final class SqliteLedgerStore implements LedgerStore {

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS ledger_contact (id INTEGER PRIMARY KEY, at_ms BIGINT NOT NULL, request_id TEXT, "
                + "agent_id TEXT, key_id TEXT, kind TEXT NOT NULL, provider TEXT NOT NULL, host TEXT NOT NULL, "
                + "region TEXT, model TEXT NOT NULL, bytes_sent BIGINT NOT NULL, bytes_received BIGINT NOT NULL, "
                + "tokens_in BIGINT NOT NULL, tokens_out BIGINT NOT NULL, cost_nano_usd BIGINT NOT NULL, "
                + "outcome TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ledger_contact_at ON ledger_contact (at_ms)"
    };
    private static final String COLUMNS = "at_ms, request_id, agent_id, key_id, kind, provider, host, region, model, "
            + "bytes_sent, bytes_received, tokens_in, tokens_out, cost_nano_usd, outcome";

    private final Connection connection;
    private final Path file;

    private SqliteLedgerStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** The ledger database in the same folder as {@code sessionDatabase}. */
    public static Path beside(Path sessionDatabase) {
        return sessionDatabase.toAbsolutePath().resolveSibling("ledger.db");
    }

    public static SqliteLedgerStore open(Path file) {
        try {
            return new SqliteLedgerStore(DurableSqlite.openWithSchema(file, SCHEMA), file);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the data-flow ledger " + file + ": " + e.getMessage()
                    + " (check that the state directory is writable)", e);
        }
    }

    @Override
    public synchronized void append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO ledger_contact (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (LedgerEntry e : entries) {
                    bind(p, e);
                    p.addBatch();
                }
                p.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement p, LedgerEntry e) throws SQLException {
        p.setLong(1, e.time().toEpochMilli());
        text(p, 2, e.requestId());
        text(p, 3, e.agentId());
        text(p, 4, e.keyId());
        p.setString(5, e.kind());
        p.setString(6, e.provider());
        p.setString(7, e.host());
        text(p, 8, e.region());
        p.setString(9, e.model());
        p.setLong(10, e.bytesSent());
        p.setLong(11, e.bytesReceived());
        p.setLong(12, e.tokensIn());
        p.setLong(13, e.tokensOut());
        p.setLong(14, e.costUsd().movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
        p.setString(15, e.outcome());
    }

    private static void text(PreparedStatement p, int index, String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }

    @Override
    public synchronized List<LedgerEntry> since(Instant since, int limit) {
        try (PreparedStatement p = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM ledger_contact WHERE at_ms >= ? ORDER BY at_ms, id LIMIT ?")) {
            p.setLong(1, since.toEpochMilli());
            p.setInt(2, limit);
            List<LedgerEntry> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new LedgerEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                            BigDecimal.valueOf(rs.getLong(14), 9).stripTrailingZeros(), rs.getString(15)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<DataflowRow> dataflow(Instant since) {
        try (PreparedStatement p = connection.prepareStatement("SELECT provider, host, COALESCE(region, 'unknown'), "
                + "COUNT(*), SUM(bytes_sent), SUM(bytes_received), SUM(tokens_in), SUM(tokens_out), SUM(cost_nano_usd) "
                + "FROM ledger_contact WHERE at_ms >= ? GROUP BY provider, host, COALESCE(region, 'unknown') "
                + "ORDER BY SUM(bytes_sent) + SUM(bytes_received) DESC, provider, host")) {
            p.setLong(1, since.toEpochMilli());
            List<DataflowRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new DataflowRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                            BigDecimal.valueOf(rs.getLong(9), 9).stripTrailingZeros()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized int deleteBefore(Instant cutoff) {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM ledger_contact WHERE at_ms < ?")) {
            p.setLong(1, cutoff.toEpochMilli());
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown; every append was already committed
        }
    }
}
