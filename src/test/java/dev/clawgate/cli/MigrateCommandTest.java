package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate migrate}: migrates the SQLite files of the state directory and says what it did. */
class MigrateCommandTest {

    @TempDir
    Path home;

    @Test
    void migratesEachSchemaOnceAndSaysSo() throws Exception {
        Path state = home.resolve("state");
        Path config = Files.writeString(home.resolve("clawgate.json5"), "{}");

        CliRunner.Result first = CliRunner.run(home, Map.of(), "migrate", "--config", config.toString(),
                "--state-dir", state.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("State database: SQLite files in " + state.toAbsolutePath())
                .contains("sessions: 0 -> 6 (V1 sessions, V2 aborted entries, V3 responses, V4 session fence, V5 entry tokens,"
                        + " V6 inbound ids)")
                .contains("channels: 0 -> 1").contains("budget: 0 -> 1 (V1 budget)")
                .contains("ledger: 0 -> 1 (V1 ledger)");
        assertThat(state.resolve("sessions.db")).exists();

        CliRunner.Result second = CliRunner.run(home, Map.of(), "migrate", "--config", config.toString(),
                "--state-dir", state.toString());
        assertThat(second.out()).contains("sessions: at version 6, nothing to do")
                .contains("budget: at version 1, nothing to do").contains("ledger: at version 1, nothing to do");
    }
}
