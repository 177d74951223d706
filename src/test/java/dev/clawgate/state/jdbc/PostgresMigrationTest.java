package dev.clawgate.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.gateway.StateEngine;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import dev.clawgate.testing.MigrationScripts;
import dev.clawgate.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Flyway on a real PostgreSQL: instances starting together migrate once, the others wait and find it done. */
@Tag("postgres")
@Timeout(120)
class PostgresMigrationTest {

    @Test
    void instancesMigratingAtOnceTakeTurnsAndEachScriptRunsOnce() throws Exception {
        String url = PostgresServer.shared().newDatabaseUrl();
        List<Callable<List<SchemaMigrator.Outcome>>> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(() -> {
                try (PostgresDatabases databases = new PostgresDatabases(url, null, null)) {
                    List<SchemaMigrator.Outcome> outcomes = new ArrayList<>();
                    for (SqlSchema schema : StateEngine.SCHEMAS) {
                        outcomes.add(databases.migrate(schema));
                    }
                    return outcomes;
                }
            });
        }
        List<SchemaMigrator.Outcome> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<SchemaMigrator.Outcome>> f : pool.invokeAll(instances)) {
                all.addAll(f.get());
            }
        }
        for (SqlSchema schema : StateEngine.SCHEMAS) {
            assertThat(all.stream().filter(o -> o.schema().equals(schema)).mapToInt(o -> o.applied().size()).sum())
                    .as("scripts of %s applied over all instances", schema.name())
                    .isEqualTo((int) MigrationScripts.all("postgresql", schema.name()));
            assertThat(all.stream().filter(o -> o.schema().equals(schema))).allMatch(o -> o.toVersion()
                    == schema.latestVersion());
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM flyway_sessions_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo((int) MigrationScripts.all("postgresql", "sessions"));
        }
        // a second start finds the schema current with one query, without Flyway
        try (PostgresDatabases again = new PostgresDatabases(url, null, null)) {
            assertThat(again.migrate(StateEngine.SCHEMAS.get(0)).summary()).endsWith("nothing to do");
        }
    }

    /** Nothing listens on port 1: refused at once, and the error names the database, never the password. */
    @Test
    @Timeout(10)
    void aDatabaseThatIsDownFailsNamingItButNotItsPassword() {
        try (PostgresDatabases down = new PostgresDatabases("jdbc:postgresql://127.0.0.1:1/clawgate?password=s3cret",
                null, null)) {
            assertThatThrownBy(() -> down.open(StateEngine.SCHEMAS.get(0)))
                    .isInstanceOf(StateDatabaseException.class)
                    .hasMessageContaining("PostgreSQL 127.0.0.1:1/clawgate")
                    .hasMessageNotContaining("s3cret");
        }
    }
}
