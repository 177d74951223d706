package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.UsageRecord;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A turn that falls back says so once, and the ledger records why. */
@Timeout(30)
class AgentFallbackTest {

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

    @Test
    void movingOffThePrimaryShowsOneNoticeAndTheLedgerRecordsIt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        server = new ScriptedModelServer(100_000, r -> ScriptedModelServer.Reply.text("from the fallback"));
        agent = new AgentHarness(home, """
                {
                  agents: { defaults: { model: { primary: "down/m", fallbacks: ["up/m"] } } },
                  models: { mode: "replace", providers: {
                    down: { baseUrl: "http://127.0.0.1:%d/v1", api: "openai-completions", apiKey: "k",
                            models: [{ id: "m", contextWindow: 8192, maxTokens: 256 }] },
                    up: { baseUrl: "%s", api: "openai-completions", apiKey: "k",
                          models: [{ id: "m", contextWindow: 8192, maxTokens: 256 }] },
                  } },
                }
                """.formatted(closed, server.baseUrl()));

        TurnResult first = agent.send("hello");
        assertThat(first.reply()).isEqualTo("from the fallback");
        assertThat(first.model()).isEqualTo("up/m");
        assertThat(first.fallbackNotice()).startsWith("↪ Model fallback: up/m (selected down/m; connection refused");
        TurnResult second = agent.send("again");
        assertThat(second.fallbackNotice()).isNull();

        List<UsageRecord> usage = agent.store.usage(SessionKeys.main("main"));
        assertThat(usage).hasSize(2).allSatisfy(u -> {
            assertThat(u.fellBack()).isTrue();
            assertThat(u.modelRef()).isEqualTo("up/m");
        });
        assertThat(usage.get(0).fallbackReason()).contains("down/m");
        assertThat(agent.send("/status").reply()).contains("Fallback: on up/m (down/m");
    }
}
