package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.channel.ChannelStore;
import dev.clawgate.channel.JdbcChannelStore;
import dev.clawgate.state.jdbc.PostgresDatabases;
import dev.clawgate.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clawgate sessions} and {@code clawgate pairing} with {@code --config}: they read {@code state.database}
 * of that file (here a real PostgreSQL), not the default config's SQLite files.
 */
@Tag("postgres")
class StateDatabaseCommandsTest {

    @TempDir
    Path home;

    @Test
    void sessionsAndPairingReadTheStateDatabaseOfTheGivenConfig() throws Exception {
        String url = PostgresServer.shared().newDatabaseUrl();
        String code;
        try (PostgresDatabases databases = new PostgresDatabases(url, null, null);
                JdbcSessionStore sessions = JdbcSessionStore.open(databases);
                JdbcChannelStore channels = JdbcChannelStore.open(databases)) {
            sessions.ensureSession("agent:main:team", "main");
            code = ((ChannelStore.PairingOutcome.Created) channels.requestPairing("telegram", "77", "Bob",
                    Instant.now())).request().code();
        }
        String config = Files.writeString(home.resolve("team.json5"), "{ state: { database: \"" + url + "\" } }")
                .toString();
        Map<String, String> env = Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString());

        CliRunner.Result list = CliRunner.run(home, env, "sessions", "list", "--config", config);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("agent:main:team");
        assertThat(CliRunner.run(home, env, "sessions", "list").err()).as("without --config: the default's SQLite files")
                .contains("No sessions yet");
        assertThat(CliRunner.run(home, env, "sessions", "show", "team", "--config", config).exitCode()).isZero();
        assertThat(CliRunner.run(home, env, "sessions", "export", "team", "--config", config).out())
                .contains("agent:main:team");

        assertThat(CliRunner.run(home, env, "pairing", "list", "--config", config).out()).contains(code).contains("Bob");
        CliRunner.Result approved = CliRunner.run(home, env, "pairing", "approve", "telegram", code, "--config", config);
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("Approved telegram sender 77 (Bob)");
        try (PostgresDatabases databases = new PostgresDatabases(url, null, null);
                JdbcChannelStore channels = JdbcChannelStore.open(databases)) {
            assertThat(channels.approvedSenders("telegram")).containsExactly("77");
        }
    }
}
