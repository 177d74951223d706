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
            return new SqliteSpendStore(DurableSqlite.openWithSchema(file, SCHEMA), file);
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
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown; every add was already committed
        }
    }
}
