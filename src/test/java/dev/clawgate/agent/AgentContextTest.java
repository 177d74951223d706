package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Context budgeting and compaction against a loopback server that enforces its window as vLLM does (HTTP
 * 400 with vLLM's body, tokens counted with the runtime's own estimator) and calls tools.
 */
@Timeout(60)
class AgentContextTest {

    private static final String KEY = SessionKeys.main("main");

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(int serverWindow, int catalogWindow) throws Exception {
        server = new ScriptedModelServer(serverWindow, Conversations.brain());
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", catalogWindow, 512,
                null));
        Files.createDirectories(agent.workspace());
        for (int i = 1; i <= 30; i++) {
            Files.writeString(agent.workspace().resolve("notes-" + i + ".txt"), Conversations.notesFile(i));
        }
    }

    private List<ChatRequest> modelTurns() {
        return server.answered().stream().filter(r -> !Conversations.isCompaction(r)).toList();
    }

    @Test
    void twentyTurnsOnA4kModelStayInsideTheWindowThroughCompaction() throws Exception {
        start(4096, 4096);
        List<TurnResult> results = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            results.add(agent.send(Conversations.userMessage(i)));
        }

        assertThat(results).allSatisfy(r -> assertThat(r.reply()).isNotBlank());
        assertThat(server.overflows()).as("requests the server refused as too long").isZero();
        assertThat(server.seen()).allSatisfy(s -> assertThat(s.promptTokens() + s.maxTokens()).isLessThanOrEqualTo(4096));
        assertThat(agent.store.findSession(KEY).orElseThrow().compactionCount()).isGreaterThanOrEqualTo(2);
        assertThat(results.stream().mapToInt(TurnResult::compactions).sum()).isGreaterThanOrEqualTo(2);
        assertThat(results.stream().flatMap(r -> r.toolCalls().stream()).toList()).hasSize(6)
                .allSatisfy(c -> assertThat(c.isError()).isFalse());

        // The last turns reach the model verbatim, and no request ever split a tool call from its result.
        ChatRequest last = modelTurns().get(modelTurns().size() - 1);
        List<String> userTexts = last.messages().stream().filter(m -> m.role() == Message.Role.USER)
                .map(Message::text).toList();
        assertThat(userTexts).contains(Conversations.userMessage(19), Conversations.userMessage(20));
        assertThat(last.system()).contains(SessionContext.SUMMARY_HEADING);
        server.answered().forEach(r -> Conversations.assertToolPairsIntact(r.messages()));

        // The summariser was asked to keep identifiers and was given the older turns with theirs intact.
        List<ChatRequest> summaries = server.answered().stream().filter(Conversations::isCompaction).toList();
        assertThat(summaries).isNotEmpty().allSatisfy(r -> assertThat(r.system()).contains("Copy identifiers exactly"));
        assertThat(summaries.get(0).messages().get(0).text()).contains("ID-1001", "ID-1002");
        TranscriptEntry summary = agent.store.transcript(KEY).stream().filter(e -> e.kind() == EntryKind.SUMMARY)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(summary.message().text()).contains("ID-1001", "notes-3.txt");

        // The whole conversation is still in the store, in order.
        List<String> stored = agent.store.transcript(KEY).stream().filter(e -> e.kind() == EntryKind.MESSAGE)
                .map(e -> e.message().text()).toList();
        assertThat(stored).contains(Conversations.userMessage(1), Conversations.userMessage(20));
    }

    @Test
    void aServerWithLessContextThanTheCatalogSaysIsLearnedFromItsOverflowAndTheTurnRecovers() throws Exception {
        start(4096, 16384); // LM Studio loaded the model with 4096 tokens; the catalog says 16384
        TurnResult recovered = null;
        for (int i = 1; i <= 20 && recovered == null; i++) {
            TurnResult r = agent.send(Conversations.userMessage(i));
            assertThat(r.reply()).isNotBlank();
            if (server.overflows() > 0) {
                recovered = r;
            }
        }
        assertThat(recovered).as("some turn overflowed the server's real window").isNotNull();
        assertThat(recovered.compactions()).isGreaterThanOrEqualTo(1);
        assertThat(server.overflows()).isEqualTo(1);

        for (int i = 21; i <= 26; i++) {
            assertThat(agent.send(Conversations.userMessage(i)).reply()).isNotBlank();
        }
        assertThat(server.overflows()).as("the learned window keeps later turns inside it").isEqualTo(1);
        modelTurns().forEach(r -> Conversations.assertToolPairsIntact(r.messages()));
    }

    @Test
    void anOverflowThatCompactionCannotFixEndsAfterThreeAttemptsWithTheNumbers() throws Exception {
        start(4096, 4096);
        for (int i = 1; i <= 8; i++) {
            agent.send(Conversations.userMessage(i));
        }
        int compactionsBefore = agent.store.findSession(KEY).orElseThrow().compactionCount();
        server.forceOverflow(r -> !Conversations.isCompaction(r));

        assertThatThrownBy(() -> agent.send("one more question"))
                .isInstanceOfSatisfying(ContextOverflowException.class, e -> {
                    assertThat(e.windowTokens()).isEqualTo(4096);
                    assertThat(e.requestTokens()).isPositive();
                    assertThat(e.getMessage()).contains("local/small", "4096 tokens", e.requestTokens() + " tokens",
                            "/new");
                });
        int compactionsDuring = agent.store.findSession(KEY).orElseThrow().compactionCount() - compactionsBefore;
        assertThat(compactionsDuring).isBetween(1, 3);
        assertThat(server.overflows()).isEqualTo(compactionsDuring + 1);
        // The failed turn stored the user's message (stored before the model is called) and nothing after it.
        List<TranscriptEntry> stored = agent.store.transcript(KEY);
        assertThat(stored.get(stored.size() - 1).message()).isEqualTo(Message.user("one more question"));
        // the next turn's model sees that message closed by a marker, so user and assistant still alternate
        List<Message> context = SessionContext.load(agent.store, KEY).messages();
        assertThat(context.subList(context.size() - 2, context.size())).containsExactly(
                Message.user("one more question"), Message.assistant(SessionContext.NO_REPLY_MARKER));
    }

    @Test
    void aPromptLargerThanTheWholeWindowFailsWithTheServersNumbers() throws Exception {
        start(150, 4096);

        assertThatThrownBy(() -> agent.send("hello"))
                .isInstanceOfSatisfying(ContextOverflowException.class, e -> {
                    assertThat(e.windowTokens()).isEqualTo(150);
                    assertThat(e.getMessage()).contains("150 tokens");
                });
        assertThat(server.overflows()).isEqualTo(1);
    }

    @Test
    void aSessionSurvivesARestartAndContinuesTheSameTranscript() throws Exception {
        start(32768, 32768);
        agent.send("My name is Ada and my project id is PRJ-77.");
        agent.send("Remember that the deadline is 2025-03-01.");

        agent.restart();
        TurnResult third = agent.send("What do you know?");

        assertThat(third.reply()).isNotBlank();
        ChatRequest last = modelTurns().get(modelTurns().size() - 1);
        assertThat(last.messages().stream().map(Message::text).toList()).containsSubsequence(
                "My name is Ada and my project id is PRJ-77.", "Remember that the deadline is 2025-03-01.",
                "What do you know?");
        assertThat(agent.store.transcript(KEY)).hasSize(6);
    }
}
