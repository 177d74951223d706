package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.upstream.openai.ChatCompletionsRequestEncoder;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The system prompt's size and stability, workspace files, and one run at a time per session. */
@Timeout(30)
class AgentPromptTest {

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;
    private final List<ChatRequest> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(ScriptedModelServer.Brain brain) throws Exception {
        server = new ScriptedModelServer(1_000_000, brain);
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", 32768, 1024, null),
                router -> (request, options) -> {
                    sent.add(request);
                    return router.open(request, options);
                });
        Files.createDirectories(agent.workspace());
    }

    @Test
    void theDefaultAgentsPromptAndToolSchemasFitIn2000Tokens() throws Exception {
        start(r -> ScriptedModelServer.Reply.text("ok"));
        PromptPreview preview = agent.runtime.preview(null);

        assertThat(preview.tools()).extracting(t -> t.name()).containsExactly("read", "write", "list", "web_fetch");
        assertThat(preview.promptTokens()).isLessThanOrEqualTo(2000);
        long counted = TokenEstimator.shared().estimatePromptTokens(new ChatRequest(null, preview.systemPrompt(),
                List.of(), preview.tools(), null, null, null, null, List.of(), true, null, null));
        assertThat(preview.promptTokens()).isEqualTo(counted);
        assertThat(preview.systemPrompt()).contains("NO_REPLY", "untrusted").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void workspaceFilesAreInjectedInOrderAndCappedAtALineBoundary() throws Exception {
        start(r -> ScriptedModelServer.Reply.text("ok"));
        Files.writeString(agent.workspace().resolve("SOUL.md"), "Be warm.\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            big.append("Rule ").append(i).append(": keep answers short and cite file paths.\n");
        }
        Files.writeString(agent.workspace().resolve("AGENTS.md"), big.toString());
        Files.writeString(agent.workspace().resolve("USER.md"), "The user is Ada.\n");

        String prompt = agent.runtime.preview(null).systemPrompt();

        assertThat(prompt.indexOf("## AGENTS.md")).isLessThan(prompt.indexOf("## SOUL.md"));
        assertThat(prompt.indexOf("## SOUL.md")).isLessThan(prompt.indexOf("## USER.md"));
        assertThat(prompt).doesNotContain("## TOOLS.md");
        String agents = prompt.substring(prompt.indexOf("## AGENTS.md"), prompt.indexOf("## SOUL.md"));
        assertThat(agents).contains("Rule 0: keep").contains(SystemPromptBuilder.TRUNCATED_MARKER)
                .doesNotContain("Rule 599");
        String beforeMarker = agents.substring(0, agents.indexOf(SystemPromptBuilder.TRUNCATED_MARKER));
        assertThat(beforeMarker).endsWith("cite file paths.\n");
        assertThat(TokenEstimator.shared().countText(agents)).isLessThanOrEqualTo(SystemPromptBuilder.DEFAULT_FILE_TOKEN_CAP + 10);
    }

    @Test
    void eachRequestIsThePreviousOnePlusTheNewMessagesByteForByte() throws Exception {
        start(request -> {
            Message last = request.messages().get(request.messages().size() - 1);
            if (last.text().contains("read")) {
                return ScriptedModelServer.Reply.call("call_1", "read", "{\"path\":\"a.txt\"}");
            }
            return new ScriptedModelServer.Reply("thinking about it", "Answer " + request.messages().size(), List.of());
        });
        Files.writeString(agent.workspace().resolve("a.txt"), "alpha");
        agent.send("please read a.txt");
        agent.send("thanks");
        agent.send("and one more");

        assertThat(sent).hasSize(4);
        ChatCompletionsRequestEncoder encoder = new ChatCompletionsRequestEncoder();
        ModelSpec model = agent.directory.defaultAgent().primary();
        for (int i = 1; i < sent.size(); i++) {
            ObjectNode previous = encoder.encode(sent.get(i - 1), model);
            ObjectNode next = encoder.encode(sent.get(i), model);
            String prev = previous.get("messages").toString();
            assertThat(next.get("messages").toString()).as("request %d extends request %d", i, i - 1)
                    .startsWith(prev.substring(0, prev.length() - 1));
            assertThat(next.get("tools")).isEqualTo(previous.get("tools"));
            assertThat(next.get("max_tokens")).isEqualTo(previous.get("max_tokens"));
            ObjectNode prevRest = previous.deepCopy();
            ObjectNode nextRest = next.deepCopy();
            prevRest.remove("messages");
            nextRest.remove("messages");
            assertThat(nextRest).isEqualTo(prevRest);
        }
        assertThat(sent.get(1).messages().get(2).parts().get(0)).isInstanceOf(Part.ToolResult.class);
    }

    @Test
    void aSecondMessageQueuesBehindTheRunningOneAndSeesItsTurn() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(request -> {
            if (request.messages().size() == 1) {
                firstArrived.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return ScriptedModelServer.Reply.text("reply " + request.messages().size());
        });
        String key = SessionKeys.main("main");
        Thread first = Thread.ofVirtual().start(() -> agent.send("first"));
        assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
        TurnResult[] second = new TurnResult[1];
        Thread secondThread = Thread.ofVirtual().start(() -> second[0] = agent.send("second"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (agent.runtime.queuedOn(key) < 1 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(agent.runtime.queuedOn(key)).isEqualTo(1);
        assertThat(sent).hasSize(1);

        release.countDown();
        first.join(10_000);
        secondThread.join(10_000);

        assertThat(second[0].reply()).isEqualTo("reply 3");
        assertThat(sent.get(1).messages()).extracting(Message::text).containsExactly("first", "reply 1", "second");
    }
}
