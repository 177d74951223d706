package dev.clawgate.testing;

import dev.clawgate.gateway.StateEngine;
import dev.clawgate.state.jdbc.PostgresDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL database the store suites share: migrated once per JVM, emptied (every table but the migration
 * histories) whenever a test asks for it with a folder it has not seen, so the next test starts clean. Creating
 * and migrating a database per test would cost about a second each; emptying one costs milliseconds. The suites
 * run one test at a time, and a test that opens the same folder twice (two "instances") gets the same data.
 */
final class PostgresEngineDatabase {

    private static String url;
    private static Path lastFolder;

    private PostgresEngineDatabase() {}

    static synchronized String forFolder(Path folder) {
        if (url == null) {
            url = PostgresServer.shared().newDatabaseUrl();
            try (PostgresDatabases databases = new PostgresDatabases(url, null, null)) {
                StateEngine.SCHEMAS.forEach(databases::open);
            }
        }
        Path absolute = folder.toAbsolutePath();
        if (!absolute.equals(lastFolder)) {
            empty();
            lastFolder = absolute;
        }
        return url;
    }

    private static void empty() {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tablename NOT LIKE 'flyway%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) { // DELETE: on a few rows much cheaper than TRUNCATE's new files
                s.execute("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
    }
}
