package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A turn tells its listener when each tool call starts and ends (WebChat shows running tools as cards). */
@Timeout(30)
class TurnListenerToolEventsTest {

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;

    @AfterEach
    void tearDown() {
        agent.close();
        server.close();
    }

    @Test
    void toolCallsAreAnnouncedBeforeTheyRunAndWhenTheyEnd() throws Exception {
        server = new ScriptedModelServer(4096, (ChatRequest request) -> {
            Message last = request.messages().get(request.messages().size() - 1);
            return last.role() == Message.Role.TOOL ? ScriptedModelServer.Reply.text("done reading")
                    : ScriptedModelServer.Reply.call("call_r", "read", "{\"path\":\"a.txt\"}");
        });
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", 4096, 512, "[]"));
        Files.createDirectories(agent.workspace());
        Files.writeString(agent.workspace().resolve("a.txt"), "alpha file");
        List<String> events = new CopyOnWriteArrayList<>();
        TurnListener listener = new TurnListener() {
            @Override
            public void toolStarted(String id, String name, String argumentsJson) {
                events.add("started " + id + " " + name + " " + argumentsJson);
            }

            @Override
            public void toolFinished(String id, String name, boolean isError) {
                events.add("finished " + id + " " + name + (isError ? " error" : " ok"));
            }
        };

        TurnResult r = agent.runtime.runTurn(new TurnRequest(null, null, "read a.txt", null, listener));

        assertThat(r.reply()).isEqualTo("done reading");
        assertThat(events).containsExactly("started call_r read {\"path\":\"a.txt\"}", "finished call_r read ok");
    }
}
