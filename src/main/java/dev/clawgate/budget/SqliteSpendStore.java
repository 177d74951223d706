package dev.clawgate.budget;

import dev.clawgate.state.DurableSqlite;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@link SpendStore} in its own SQLite file ({@code budget.db} beside the session database), WAL with full
 * synchronous commits. Amounts are kept as decimal text: settled costs are exact (see
 * {@link dev.clawgate.usage.CostCalculator}) and summing them as binary floats would drift.
 */
public final class SqliteSpendStore implements SpendStore {

    private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS budget_spend (scope TEXT NOT NULL, "
            + "period_key TEXT NOT NULL, spent_usd TEXT NOT NULL, PRIMARY KEY (scope, period_key))";

    /** One row per settled call ({@link UsageRecord}), kept {@link #RETENTION_DAYS} days. */
    private static final String CALLS_SCHEMA = "CREATE TABLE IF NOT EXISTS usage_calls (at_ms INTEGER NOT NULL, "
            + "agent TEXT, key_id TEXT, model TEXT NOT NULL, provider TEXT, tokens_in INTEGER NOT NULL, "
            + "tokens_out INTEGER NOT NULL, cost_usd TEXT NOT NULL)";
    private static final String CALLS_INDEX = "CREATE INDEX IF NOT EXISTS usage_calls_at ON usage_calls (at_ms)";
    /** A little over a year: enough for {@code --since} a month last year, bounded all the same. */
    public static final int RETENTION_DAYS = 400;

    private final Connection connection;
    private final Path file;

    private SqliteSpendStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** The budget database in the same folder as {@code sessionDatabase}. */
    public static Path beside(Path sessionDatabase) {
        return sessionDatabase.toAbsolutePath().resolveSibling("budget.db");
    }

    public static SqliteSpendStore open(Path file) {
        try {
            Connection c = DurableSqlite.openWithSchema(file, SCHEMA, CALLS_SCHEMA, CALLS_INDEX,
                    "DELETE FROM usage_calls WHERE at_ms < " + (System.currentTimeMillis()
                            - java.time.Duration.ofDays(RETENTION_DAYS).toMillis()));
            return new SqliteSpendStore(c, file);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the budget database " + file + ": " + e.getMessage()
                    + " (check that the state directory is writable)", e);
        }
    }

    @Override
    public synchronized BigDecimal spent(String scope, String periodKey) {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT spent_usd FROM budget_spend WHERE scope = ? AND period_key = ?")) {
            p.setString(1, scope);
            p.setString(2, periodKey);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new BigDecimal(rs.getString(1)) : BigDecimal.ZERO;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void add(String scope, String periodKey, BigDecimal usd) {
        BigDecimal total = spent(scope, periodKey).add(usd);
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO budget_spend (scope, period_key, spent_usd) "
                + "VALUES (?, ?, ?) ON CONFLICT(scope, period_key) DO UPDATE SET spent_usd = excluded.spent_usd")) {
            p.setString(1, scope);
            p.setString(2, periodKey);
            p.setString(3, total.toPlainString());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void record(UsageRecord call) {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO usage_calls (at_ms, agent, key_id, model, "
                + "provider, tokens_in, tokens_out, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, call.at().toEpochMilli());
            p.setString(2, call.agent());
            p.setString(3, call.key());
            p.setString(4, call.model());
            p.setString(5, call.provider());
            p.setLong(6, call.tokensIn());
            p.setLong(7, call.tokensOut());
            p.setString(8, call.costUsd().toPlainString());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized java.util.List<UsageRecord> recordsSince(java.time.Instant since) {
        java.util.List<UsageRecord> out = new java.util.ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT at_ms, agent, key_id, model, provider, tokens_in, "
                + "tokens_out, cost_usd FROM usage_calls WHERE at_ms >= ? ORDER BY at_ms")) {
            p.setLong(1, since.toEpochMilli());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new UsageRecord(java.time.Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7),
                            new BigDecimal(rs.getString(8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown; every add was already committed
        }
    }
}
