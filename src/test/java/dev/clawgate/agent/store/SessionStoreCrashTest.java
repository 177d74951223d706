package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.state.sqlite.SqliteDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process with SIGKILL ({@code destroyForcibly}) while it writes turns, then reopens the
 * database: every turn committed before the kill must be there, intact, and no part of an uncommitted turn.
 */
class SessionStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void killInsideATurnTransactionLosesExactlyThatTurn() throws Exception {
        Path db = dir.resolve("sessions.db");
        Process child = startWriter(db, "pause", 10);
        awaitLine(child, "MID_TURN");
        assertThat(child.isAlive()).isTrue();
        kill(child);

        int turns = verifyIntact(db);
        assertThat(turns).isEqualTo(10);
    }

    @Test
    @Timeout(120)
    void killDuringContinuousWritesLosesAtMostTheTurnInFlight() throws Exception {
        Path db = dir.resolve("sessions.db");
        Process child = startWriter(db, "stream", 25);
        awaitLine(child, "COMMITTED 25");
        kill(child);

        int turns = verifyIntact(db);
        assertThat(turns).isGreaterThanOrEqualTo(25);
    }

    private Process startWriter(Path db, String mode, int n) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashingTurnWriter.class.getName(), db.toString(), mode, Integer.toString(n));
        builder.redirectError(dir.resolve("child-stderr.txt").toFile());
        return builder.start();
    }

    private void awaitLine(Process child, String expected) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return "read failed: " + e;
                }
            }, executor);
            String got;
            try {
                got = line.get(90, TimeUnit.SECONDS);
            } finally {
                if (!line.isDone()) {
                    child.destroyForcibly();
                }
            }
            assertThat(got).as("child output; stderr: %s", stderr()).isEqualTo(expected);
        }
    }

    private static void kill(Process child) throws Exception {
        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks, no close()
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not exited by itself").isNotIn(0, 2, 3);
    }

    /** Reopens the database and checks every stored turn; returns how many there are. */
    private static int verifyIntact(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertThat(SessionStoreContract.scalar(s, "PRAGMA integrity_check")).isEqualTo("ok");
        }
        try (JdbcSessionStore store = JdbcSessionStore.openOwning(new SqliteDatabases(db.getParent()))) {
            List<TranscriptEntry> entries = store.transcript(CrashingTurnWriter.KEY);
            assertThat(entries.size() % CrashingTurnWriter.ENTRIES_PER_TURN).as("no partial turn").isZero();
            int turns = entries.size() / CrashingTurnWriter.ENTRIES_PER_TURN;
            for (int i = 1; i <= turns; i++) {
                Turn expected = CrashingTurnWriter.turn(i);
                for (int j = 0; j < CrashingTurnWriter.ENTRIES_PER_TURN; j++) {
                    TranscriptEntry entry = entries.get((i - 1) * CrashingTurnWriter.ENTRIES_PER_TURN + j);
                    assertThat(entry.seq()).isEqualTo((long) (i - 1) * CrashingTurnWriter.ENTRIES_PER_TURN + j + 1);
                    assertThat(entry.message()).isEqualTo(expected.entries().get(j).message());
                }
            }
            List<UsageRecord> usage = store.usage(CrashingTurnWriter.KEY);
            assertThat(usage).hasSize(turns);
            for (int i = 1; i <= turns; i++) {
                assertThat(usage.get(i - 1)).isEqualTo(CrashingTurnWriter.turn(i).usage().get(0));
            }
            // The store keeps working where the dead writer left off.
            List<TranscriptEntry> next = store.appendTurn(CrashingTurnWriter.KEY, CrashingTurnWriter.turn(turns + 1));
            assertThat(next.get(0).seq()).isEqualTo((long) turns * CrashingTurnWriter.ENTRIES_PER_TURN + 1);
            return turns;
        }
    }

    private String stderr() {
        try {
            Path file = dir.resolve("child-stderr.txt");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "(unreadable)";
        }
    }
}
