package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.testing.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate agent}, {@code chat} and {@code sessions} against a loopback model server. */
@Timeout(30)
class AgentCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private FakeUpstream upstream;

    @AfterEach
    void tearDown() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private Path config() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("Hello <think>hidden</think>there"));
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, """
                {
                  agents: { defaults: { model: { primary: "local/small" } } },
                  models: { mode: "replace", providers: { local: {
                    baseUrl: "%s", api: "openai-completions", apiKey: "test",
                    models: [{ id: "small", contextWindow: 8192, maxTokens: 512 }],
                  } } },
                }
                """.formatted(upstream.baseUrl()));
        return file;
    }

    @Test
    void dryRunOnTheDefaultAgentReportsAtMost2000PromptTokens() {
        CliRunner.Result text = CliRunner.run(home, Map.of(), "agent", "--dry-run");
        assertThat(text.exitCode()).as(text.err()).isZero();
        Matcher m = Pattern.compile("Prompt tokens: (\\d+)").matcher(text.out());
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isPositive().isLessThanOrEqualTo(2000);
        assertThat(text.out()).contains("--- system prompt ---", "NO_REPLY", "--- tools ---", "\"name\":\"read\"",
                "\"name\":\"web_fetch\"");
        assertThat(Files.exists(home.resolve(".clawgate/state/sessions.db"))).as("a dry run writes nothing").isFalse();

        CliRunner.Result json = CliRunner.run(home, Map.of(), "agent", "--dry-run", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"promptTokens\" : " + m.group(1));
    }

    @Test
    void oneMessageIsAnsweredStoredAndListed() throws Exception {
        Path cfg = config();
        Path state = home.resolve("custom-state");
        Map<String, String> env = Map.of("CLAWGATE_STATE_DIR", state.toString());

        CliRunner.Result r = CliRunner.run(home, env, "agent", "--config", cfg.toString(), "--message", "hi");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Hello there\n");
        assertThat(Files.exists(state.resolve("sessions.db"))).isTrue();

        CliRunner.Result json = CliRunner.run(home, env, "agent", "--config", cfg.toString(), "--message", "again",
                "--session", "work", "--json");
        JsonNode node = JSON.readTree(json.out());
        assertThat(node.path("reply").asText()).isEqualTo("Hello there");
        assertThat(node.path("model").asText()).isEqualTo("local/small");
        assertThat(node.path("sessionKey").asText()).isEqualTo("agent:main:work");

        CliRunner.Result list = CliRunner.run(home, env, "sessions", "list");
        assertThat(list.out()).contains("agent:main:main", "agent:main:work");
        CliRunner.Result show = CliRunner.run(home, env, "sessions", "show", "agent:main:main");
        assertThat(show.out()).contains("#1 message user: hi", "#2 message assistant: ").doesNotContain("hidden</think>");
        CliRunner.Result export = CliRunner.run(home, env, "sessions", "export", "work");
        assertThat(export.exitCode()).isZero();
        assertThat(export.out().lines().map(l -> {
            try {
                return JSON.readTree(l).path("type").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList()).containsExactly("session", "entry", "entry", "usage");
        assertThat(CliRunner.run(home, env, "sessions", "show", "nope").exitCode()).isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void chatStreamsRepliesAndRunsSlashCommandsUntilExit() throws Exception {
        Path cfg = config();
        CliRunner.Result r = CliRunner.runWithInput(home, Map.of(), "hello\n/status\n/model nope\n/exit\nnever sent\n",
                "chat", "--config", cfg.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Chatting with agent main (session agent:main:main)", "Hello there\n",
                "Model: local/small", "Context: ", "⚠️ Unknown model \"nope\"");
        assertThat(r.out()).doesNotContain("hidden");
        assertThat(upstream.requestsTo("/v1/chat/completions")).isEqualTo(1);
        assertThat(Files.exists(home.resolve(".clawgate/state/sessions.db"))).isTrue();
    }

    @Test
    void anUnknownAgentFailsWithTheKnownOnes() throws Exception {
        Path cfg = config();
        CliRunner.Result r = CliRunner.run(home, Map.of(), "agent", "--config", cfg.toString(), "--agent", "ghost",
                "--message", "hi", "--state-dir", home.resolve("s").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.AGENT_FAILED);
        assertThat(r.err()).contains("unknown agent \"ghost\"", "main");
    }
}
