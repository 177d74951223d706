package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.testing.MigrationScripts;
import dev.clawgate.testing.StateEngines;
import dev.clawgate.wire.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The session store contract on SQLite, plus what is SQLite's own: WAL, and files from before Flyway. */
class SqliteSessionStoreTest extends SessionStoreContract {

    @Override
    StateEngines engine() {
        return StateEngines.SQLITE;
    }

    /** A NaN cost binds as NULL and breaks NOT NULL. */
    @Override
    UsageRecord refusedUsageRow() {
        return new UsageRecord("m/x", Usage.ZERO, Double.NaN, 0, false, null, null);
    }

    @Test
    void keepsWalAndRecordsItsMigrationsInFlywaysHistoryOnce() throws Exception {
        Path nested = dir.resolve("nested/dir");
        for (int i = 0; i < 2; i++) {
            try (JdbcSessionStore store = JdbcSessionStore.openOwning(new SqliteDatabases(nested))) {
                store.ensureSession(KEY, "main");
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + nested.resolve("sessions.db"));
                Statement s = c.createStatement()) {
            assertThat(scalar(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(scalar(s, "SELECT COUNT(*) FROM flyway_sessions_history WHERE success"))
                    .isEqualTo(String.valueOf(MigrationScripts.all("sqlite", "sessions")));
            assertThat(scalar(s, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_sessions_history"))
                    .isEqualTo(String.valueOf(JdbcSessionStore.SCHEMA.latestVersion()));
        }
    }

    /** A sessions.db written by the hand-rolled migrations (a schema_version table at 3) keeps working. */
    @Test
    void baselinesADatabaseFromBeforeFlywayAtItsRecordedVersion() throws Exception {
        Path file = dir.resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
            for (int v = 1; v <= 3; v++) {
                for (String sql : script(v).split(";\\s*\\n")) {
                    if (!sql.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
                        s.execute(sql);
                    }
                }
                s.execute("INSERT INTO schema_version VALUES (" + v + ", 0)");
            }
            s.execute("INSERT INTO sessions (session_key, agent_id, created_at, updated_at, compaction_count) "
                    + "VALUES ('" + KEY + "', 'main', 1, 1, 0)");
        }
        try (JdbcSessionStore store = open()) {
            assertThat(store.findSession(KEY)).isPresent();
            store.appendTurn(KEY, sampleTurn("after the upgrade"));
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.storedFence(KEY)).as("V4 gives every existing session fence 0").isZero();
            store.fencedBy(1).claimTurn(KEY, "main");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT version || '/' || type FROM flyway_sessions_history ORDER BY installed_rank"))
                    .isEqualTo("3/BASELINE");
            assertThat(scalar(s, "SELECT COUNT(*) FROM flyway_sessions_history"))
                    .isEqualTo(String.valueOf(1 + MigrationScripts.above("sqlite", "sessions", 3)));
        }
    }

    private static String script(int version) throws IOException {
        String path = switch (version) {
            case 1 -> "sqlite/sessions/V1__sessions.sql";
            case 2 -> "common/sessions/V2__aborted_entries.sql";
            default -> "common/sessions/V3__responses.sql";
        };
        try (InputStream in = SqliteSessionStoreTest.class.getResourceAsStream("/db/migration/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
