package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during an agent turn does not lose what the user sent: a real child JVM runs a turn whose
 * model never answers, is killed with SIGKILL while the model call is open, and the session database then
 * holds the user's message.
 */
class KilledTurnTest {

    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void theUsersMessageSurvivesAKillDuringTheModelCall() throws Exception {
        CountDownLatch modelCalled = new CountDownLatch(1);
        FakeUpstream.Behaviour hang = FakeUpstream.hang();
        try (FakeUpstream model = new FakeUpstream().on("/v1/chat/completions", (req, socket, out) -> {
            modelCalled.countDown();
            hang.handle(req, socket, out);
        })) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    TurnInFlightChild.class.getName(), home.toString(), model.baseUrl(), "remember: the code is 4711")
                    .redirectErrorStream(true).redirectOutput(home.resolve("child-output.txt").toFile()).start();
            try {
                assertThat(modelCalled.await(90, TimeUnit.SECONDS)).as("the child called the model; its output: %s",
                        output()).isTrue();
            } finally {
                child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks, no close()
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not exited by itself").isNotIn(0, 2);
        }
        try (JdbcSessionStore store = JdbcSessionStore.openOwning(new SqliteDatabases(home.resolve("state")))) {
            List<TranscriptEntry> entries = store.transcript(SessionKeys.main("main"));
            assertThat(entries).extracting(TranscriptEntry::kind).containsExactly(EntryKind.MESSAGE);
            assertThat(entries.get(0).message()).isEqualTo(Message.user("remember: the code is 4711"));
        }
    }

    private String output() throws java.io.IOException {
        Path file = home.resolve("child-output.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
