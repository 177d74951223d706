package dev.clawgate.budget;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@link SpendStore} in the state database ({@code budget.db} beside the sessions by default, or the shared
 * PostgreSQL). Amounts are kept as decimal text: settled costs are exact (see
 * {@link dev.clawgate.usage.CostCalculator}) and summing them as binary floats would drift. {@link #add} reads
 * and writes in one transaction with the row locked, so instances settling at once never lose an amount.
 */
public final class JdbcSpendStore implements SpendStore {

    /** The tables of this store and their latest migration (db/migration/&lt;engine&gt;/budget). */
    public static final SqlSchema SCHEMA = new SqlSchema("budget", 1);

    private final SqlDatabase db;
    private final SqlDatabases owned;

    private JdbcSpendStore(SqlDatabase db, SqlDatabases owned) {
        this.db = db;
        this.owned = owned;
    }

    public static JdbcSpendStore open(SqlDatabases databases) {
        return open(databases, null);
    }

    /** As {@link #open(SqlDatabases)}, and closing the store closes {@code databases} (opened for it alone). */
    public static JdbcSpendStore openOwning(SqlDatabases databases) {
        return open(databases, databases);
    }

    private static JdbcSpendStore open(SqlDatabases databases, SqlDatabases owned) {
        try {
            return new JdbcSpendStore(databases.open(SCHEMA), owned);
        } catch (StateDatabaseException e) {
            throw new IllegalStateException("cannot open the budget database: " + e.getMessage()
                    + " (check that the state directory is writable)", e);
        }
    }

    @Override
    public BigDecimal spent(String scope, String periodKey) {
        return run(() -> db.read(c -> select(c, scope, periodKey, "")));
    }

    @Override
    public void add(String scope, String periodKey, BigDecimal usd) {
        run(() -> db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO budget_spend (scope, period_key, spent_usd) "
                    + "VALUES (?, ?, '0') ON CONFLICT (scope, period_key) DO NOTHING")) {
                p.setString(1, scope);
                p.setString(2, periodKey);
                p.executeUpdate();
            }
            BigDecimal total = select(c, scope, periodKey, db.dialect().forUpdate()).add(usd);
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE budget_spend SET spent_usd = ? WHERE scope = ? AND period_key = ?")) {
                p.setString(1, total.toPlainString());
                p.setString(2, scope);
                p.setString(3, periodKey);
                p.executeUpdate();
            }
            return null;
        }));
    }

    private static BigDecimal select(Connection c, String scope, String periodKey, String lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT spent_usd FROM budget_spend WHERE scope = ? AND period_key = ?" + lock)) {
            p.setString(1, scope);
            p.setString(2, periodKey);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new BigDecimal(rs.getString(1)) : BigDecimal.ZERO;
            }
        }
    }

    private static <T> T run(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StateDatabaseException e) {
            throw new IllegalStateException("budget database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (owned != null) { // else the databases belong to the runtime, which closes them after every store
            owned.close();
        }
    }
}
