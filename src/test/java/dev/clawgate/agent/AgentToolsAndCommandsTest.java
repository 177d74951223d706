package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tool policy end to end, tool calls written as text, and the chat commands. */
@Timeout(30)
class AgentToolsAndCommandsTest {

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

    /** Asks for the tool named in the message ("use write"), then reports what the tool said. */
    private static ScriptedModelServer.Reply toolUser(ChatRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        if (Conversations.isCompaction(request)) {
            return ScriptedModelServer.Reply.text("Summary of the chat so far.");
        }
        if (last.role() == Message.Role.TOOL) {
            return ScriptedModelServer.Reply.text("Tool said: " + ((Part.ToolResult) last.parts().get(0)).content());
        }
        String text = last.text();
        if (text.contains("use write")) {
            return ScriptedModelServer.Reply.call("call_w", "write", "{\"path\":\"pwned.txt\",\"content\":\"x\"}");
        }
        if (text.contains("text call read")) {
            return ScriptedModelServer.Reply.text("<tool_call>{\"name\": \"read\", \"arguments\": {\"path\": \"a.txt\"}}</tool_call>");
        }
        if (text.contains("text call write")) {
            return ScriptedModelServer.Reply.text(
                    "<tool_call>{\"name\": \"write\", \"arguments\": {\"path\": \"sneaky.txt\", \"content\": \"x\"}}</tool_call>");
        }
        return ScriptedModelServer.Reply.text("Answer to: " + text.substring(0, Math.min(40, text.length())));
    }

    private void start(String agentsList) throws Exception {
        server = new ScriptedModelServer(4096, AgentToolsAndCommandsTest::toolUser);
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", 4096, 512, agentsList));
        Files.createDirectories(agent.workspace());
        Files.writeString(agent.workspace().resolve("a.txt"), "alpha file");
    }

    @Test
    void aDeniedToolIsNeitherOfferedNorRunAndTheModelGetsAnErrorResult() throws Exception {
        start("[{ id: \"main\", tools: { deny: [\"write\"] } }]");

        DeliveryCollector sink = new DeliveryCollector();
        TurnResult r = agent.runtime.runTurn(new TurnRequest(null, null, "please use write", null, sink));

        assertThat(Files.exists(agent.workspace().resolve("pwned.txt"))).isFalse();
        assertThat(r.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("write");
            assertThat(c.isError()).isTrue();
        });
        List<ChatRequest> calls = server.answered();
        assertThat(calls.get(0).tools()).extracting(ToolSpec::name).contains("read").doesNotContain("write");
        Message toolResult = calls.get(1).messages().get(calls.get(1).messages().size() - 1);
        assertThat(toolResult.role()).isEqualTo(Message.Role.TOOL);
        assertThat(((Part.ToolResult) toolResult.parts().get(0)).content()).contains("\"write\" is not available");
        // a Chat Completions upstream has no error flag on tool results: the failure is said in the text
        assertThat(r.reply()).startsWith("Tool said: " + Part.ToolResult.ERROR_PREFIX + "Tool \"write\" is not available");

        // Written as text, a denied tool stays text and never runs; an allowed one runs and is not shown.
        TurnResult sneaky = agent.send("text call write");
        assertThat(sneaky.toolCalls()).isEmpty();
        assertThat(Files.exists(agent.workspace().resolve("sneaky.txt"))).isFalse();

        DeliveryCollector textCall = new DeliveryCollector();
        TurnResult read = agent.runtime.runTurn(new TurnRequest(null, null, "text call read", null, textCall));
        assertThat(read.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.fromText()).isTrue();
            assertThat(c.isError()).isFalse();
        });
        assertThat(read.reply()).startsWith("Tool said: ").contains("Source: Workspace File", "\nalpha file\n");
        assertThat(textCall.reply.toString()).isEqualTo(read.reply());
    }

    @Test
    void chatCommandsAreAnsweredWithoutTheModelExceptCompact() throws Exception {
        start(null);
        agent.send("hello");
        int calls = server.answered().size();

        TurnResult status = agent.send("/status");
        assertThat(status.command()).isTrue();
        assertThat(status.reply()).contains("Agent: main", "Model: local/small", "Context: ", "/4.1k",
                "Compactions: 0", "over 1 call", "Fallback: none (last answer from local/small)");
        assertThat(agent.send("/usage").reply()).contains("local/small: 1 call");

        assertThat(agent.send("/model nonsense-model").reply()).startsWith("⚠️ Unknown model \"nonsense-model\"");
        assertThat(agent.send("/model Big").reply()).startsWith("Model: local/big for this session");
        assertThat(agent.store.findSession(KEY).map(SessionRecord::modelOverride)).contains("local/big");
        assertThat(server.answered()).hasSize(calls);

        TurnResult onBig = agent.send("which model?");
        assertThat(onBig.model()).isEqualTo("local/big");
        assertThat(server.answered().get(server.answered().size() - 1).model()).isEqualTo("big");
        assertThat(agent.send("/status").reply()).contains("Model: local/big (picked with /model; no fallbacks)");
        assertThat(agent.send("/model default").reply()).startsWith("Model: back to the agent's chain local/small");
        assertThat(agent.send("and now?").model()).isEqualTo("local/small");

        // /compact summarises with the model, with the operator's focus added.
        for (int i = 1; i <= 8; i++) {
            agent.send(Conversations.userMessage(i));
        }
        int before = server.answered().size();
        TurnResult compact = agent.send("/compact focus on the reference ids");
        assertThat(compact.reply()).startsWith("🧹 Compacted");
        assertThat(server.answered()).hasSize(before + 1);
        ChatRequest summaryRequest = server.answered().get(before);
        assertThat(summaryRequest.system()).contains("Copy identifiers exactly");
        assertThat(summaryRequest.messages().get(0).text()).contains("Also: focus on the reference ids", "ID-1001");
        assertThat(agent.store.findSession(KEY).orElseThrow().compactionCount()).isEqualTo(1);

        // /new archives the conversation under a new key and starts empty; the archive stays readable.
        int stored = agent.store.transcript(KEY).size();
        TurnResult fresh = agent.send("/new");
        assertThat(fresh.reply()).startsWith("✅ New session started.");
        assertThat(agent.store.transcript(KEY)).isEmpty();
        SessionRecord archived = agent.store.listSessions("main").stream()
                .filter(s -> s.key().startsWith(KEY + ":archived:")).findFirst().orElseThrow();
        assertThat(agent.store.transcript(archived.key())).hasSize(stored);
        assertThat(agent.store.transcript(archived.key())).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EntryKind.SUMMARY));
        agent.send("first message of the new session");
        ChatRequest last = server.answered().get(server.answered().size() - 1);
        assertThat(last.messages()).hasSize(1);
        assertThat(last.system()).doesNotContain(SessionContext.SUMMARY_HEADING);
    }

    @Test
    void aSlashWordThatIsNoCommandGoesToTheModel() throws Exception {
        start(null);
        TurnResult r = agent.send("/etc/hosts is a file, right?");
        assertThat(r.command()).isFalse();
        assertThat(r.reply()).startsWith("Answer to: /etc/hosts");
    }

    static final class DeliveryCollector implements TurnListener {
        final StringBuilder reply = new StringBuilder();

        @Override
        public void replyDelta(String text) {
            reply.append(text);
        }
    }
}
