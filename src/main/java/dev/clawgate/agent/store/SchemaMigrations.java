package dev.clawgate.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a database to the current schema: a {@code schema_version} table records applied versions and
 * the scripts in {@link #SCRIPTS} run in order, each with its version row in one transaction.
 *
 * <p>Why not Flyway: three tables and one migration do not need a 1 MB dependency, its classpath scanning
 * or its own connection handling; this class is the whole mechanism and can be read in a minute.
 */
final class SchemaMigrations {

    /** Migration scripts in order; version N is the N-th entry. Never edit one that has shipped: add one. */
    static final List<String> SCRIPTS = List.of("V1__sessions.sql", "V2__aborted_entries.sql",
            "V3__responses.sql");

    private SchemaMigrations() {}

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /**
     * Applies the missing migrations. The connection must be in auto-commit mode; it is left that way. The
     * version check runs inside the write transaction, so two processes opening a new database at once do
     * not both apply version 1.
     */
    static void migrate(Connection connection, String folder) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "applied_at BIGINT NOT NULL)");
        }
        connection.setAutoCommit(false);
        try {
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new SessionStoreException("the session database has schema version " + current
                        + ", newer than this Clawgate understands (" + latestVersion() + ")");
            }
            for (int version = current + 1; version <= latestVersion(); version++) {
                for (String sql : statements(load(folder + "/" + SCRIPTS.get(version - 1)))) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = connection.prepareStatement(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    p.setInt(1, version);
                    p.setLong(2, System.currentTimeMillis());
                    p.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Splits a script at semicolons that end a line, dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String load(String resource) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SessionStoreException("migration script missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SessionStoreException("cannot read migration script " + resource, e);
        }
    }
}
