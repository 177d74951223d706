package dev.clawgate.state.jdbc;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a schema to its latest version with Flyway: scripts under {@code db/migration/<dialect>/<schema>} and
 * {@code db/migration/common/<schema>},
 * history in {@code flyway_<schema>_history}. Starting Flyway costs hundreds of milliseconds of class loading
 * and classpath scanning, so one indexed query first checks whether the history already reaches
 * {@link SqlSchema#latestVersion()}; only a database that is behind pays for Flyway.
 *
 * <p>Instances that start together against one PostgreSQL wait for each other: the whole migration runs under
 * a session-level advisory lock, and the check is repeated once the lock is held. A SQLite session database
 * from before Flyway (its own {@code schema_version} table) is baselined at the version it records.
 */
public final class SchemaMigrator {

    /** What one migration run did. */
    public record Outcome(SqlSchema schema, int fromVersion, int toVersion, List<String> applied) {
        public String summary() {
            return applied.isEmpty() ? schema.name() + ": at version " + toVersion + ", nothing to do"
                    : schema.name() + ": " + fromVersion + " -> " + toVersion + " (" + String.join(", ", applied) + ")";
        }
    }

    private static final long ADVISORY_LOCK_KEY = 0x636c6177L; // "claw"

    private SchemaMigrator() {}

    /**
     * @param lockConnector connections for the advisory lock and Flyway: no socket timeout, since waiting for
     *        another instance's migration is expected
     */
    public static Outcome migrate(SqlSchema schema, SqlDatabase.Dialect dialect, String description,
            JdbcDatabase.Connector lockConnector) {
        try (Connection c = lockConnector.connect()) {
            int current = appliedVersion(c, schema);
            if (current == schema.latestVersion()) {
                return new Outcome(schema, current, current, List.of());
            }
            if (dialect == SqlDatabase.Dialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK_KEY + ")");
                }
            }
            try {
                current = appliedVersion(c, schema); // another instance may have migrated while we waited
                if (current > schema.latestVersion()) {
                    throw new StateDatabaseException("the " + schema.name() + " schema in the state database ("
                            + description + ") is at version " + current + ", newer than this Clawgate knows ("
                            + schema.latestVersion() + "); upgrade Clawgate");
                }
                if (current == schema.latestVersion()) {
                    return new Outcome(schema, current, current, List.of());
                }
                return runFlyway(schema, dialect, lockConnector, current, legacyVersion(c));
            } finally {
                if (dialect == SqlDatabase.Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StateDatabaseException("cannot migrate the " + schema.name() + " schema of the state database ("
                    + description + "): " + e.getMessage(), e);
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new StateDatabaseException("migrating the " + schema.name() + " schema of the state database ("
                    + description + ") failed: " + e.getMessage(), e);
        }
    }

    private static Outcome runFlyway(SqlSchema schema, SqlDatabase.Dialect dialect, JdbcDatabase.Connector connector,
            int current, int legacy) {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(new ConnectorDataSource(connector))
                .locations(locations(schema, dialect))
                .table(historyTable(schema))
                // a database holding other tables (another schema's, or a pre-Flyway SQLite file) starts at the
                // version its legacy table records, else at 0 so that every script runs
                .baselineOnMigrate(true)
                .baselineVersion(String.valueOf(Math.max(legacy, 0)))
                .baselineDescription("existing database")
                .load();
        MigrateResult result = flyway.migrate();
        List<String> applied = new ArrayList<>();
        result.migrations.forEach(m -> applied.add("V" + m.version + " " + m.description));
        return new Outcome(schema, Math.max(current, 0), schema.latestVersion(), applied);
    }

    /**
     * {@code db/migration/common/<schema>} (scripts both engines run as they are) and
     * {@code db/migration/<dialect>/<schema>} (where they differ), those that exist; both when the class path
     * cannot tell (a jar without folder entries), Flyway then skipping the missing one.
     */
    static String[] locations(SqlSchema schema, SqlDatabase.Dialect dialect) {
        List<String> folders = List.of("db/migration/common/" + schema.name(),
                "db/migration/" + dialect.name().toLowerCase(Locale.ROOT) + "/" + schema.name());
        List<String> present = folders.stream()
                .filter(f -> SchemaMigrator.class.getClassLoader().getResource(f) != null).toList();
        return (present.isEmpty() ? folders : present).stream().map(f -> "classpath:" + f).toArray(String[]::new);
    }

    static String historyTable(SqlSchema schema) {
        return "flyway_" + schema.name() + "_history";
    }

    /** The highest successful version in the schema's history, or -1 when there is no history yet. */
    static int appliedVersion(Connection c, SqlSchema schema) throws SQLException {
        if (!tableExists(c, historyTable(schema))) {
            return -1;
        }
        int max = -1;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM " + historyTable(schema) + " WHERE success")) {
            while (rs.next()) {
                String version = rs.getString(1);
                if (version != null && version.matches("\\d+")) {
                    max = Math.max(max, Integer.parseInt(version));
                }
            }
        }
        return max;
    }

    /** The version recorded by the hand-rolled migrations before Flyway (sessions.db), or -1. */
    private static int legacyVersion(Connection c) throws SQLException {
        if (!tableExists(c, "schema_version")) {
            return -1;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** Flyway wants a DataSource; ours is the connector, with its timeouts. */
    private record ConnectorDataSource(JdbcDatabase.Connector connector) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connector.connect();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connector.connect();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
