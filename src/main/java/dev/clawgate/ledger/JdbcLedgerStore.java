package dev.clawgate.ledger;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link LedgerStore} in the state database ({@code ledger.db} beside the sessions by default, or the shared
 * PostgreSQL). Costs are kept as integer nano-USD: sums stay exact in SQL, and a nano-dollar is far below any price
 * step.
 */
public final class JdbcLedgerStore implements LedgerStore {

    /** The ledger's table and its latest migration (db/migration/&lt;engine&gt;/ledger). */
    public static final SqlSchema SCHEMA = new SqlSchema("ledger", 1);

    private static final String COLUMNS = "at_ms, request_id, agent_id, key_id, kind, provider, host, region, model, "
            + "bytes_sent, bytes_received, tokens_in, tokens_out, cost_nano_usd, outcome";

    private final SqlDatabase db;
    private final SqlDatabases owned;

    private JdbcLedgerStore(SqlDatabase db, SqlDatabases owned) {
        this.db = db;
        this.owned = owned;
    }

    public static JdbcLedgerStore open(SqlDatabases databases) {
        return open(databases, null);
    }

    /** As {@link #open(SqlDatabases)}, and closing the store closes {@code databases} (opened for it alone). */
    public static JdbcLedgerStore openOwning(SqlDatabases databases) {
        return open(databases, databases);
    }

    private static JdbcLedgerStore open(SqlDatabases databases, SqlDatabases owned) {
        try {
            return new JdbcLedgerStore(databases.open(SCHEMA), owned);
        } catch (StateDatabaseException e) {
            throw new IllegalStateException("cannot open the data-flow ledger: " + e.getMessage()
                    + " (check that the state directory is writable)", e);
        }
    }

    @Override
    public void append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        run(() -> db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ledger_contact (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (LedgerEntry e : entries) {
                    bind(p, e);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        }));
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
    public List<LedgerEntry> since(Instant since, int limit) {
        return run(() -> db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
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
            }
        }));
    }

    @Override
    public List<DataflowRow> dataflow(Instant since) {
        return run(() -> db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT provider, host, COALESCE(region, 'unknown'), "
                    + "COUNT(*), SUM(bytes_sent), SUM(bytes_received), SUM(tokens_in), SUM(tokens_out), "
                    + "SUM(cost_nano_usd) FROM ledger_contact WHERE at_ms >= ? "
                    + "GROUP BY provider, host, COALESCE(region, 'unknown') "
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
            }
        }));
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return run(() -> db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM ledger_contact WHERE at_ms < ?")) {
                p.setLong(1, cutoff.toEpochMilli());
                return p.executeUpdate();
            }
        }));
    }

    private static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (StateDatabaseException e) {
            throw new IllegalStateException("data-flow ledger: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (owned != null) { // else the databases belong to the runtime, which closes them after every store
            owned.close();
        }
    }
}
