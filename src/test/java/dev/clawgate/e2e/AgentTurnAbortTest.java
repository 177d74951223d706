package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.wire.Message;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that disconnects from an agent target ({@code model: "clawgate"}) aborts the agent turn: the slow
 * model server sees its connection closed, and the session keeps the user's message and the partial reply
 * marked aborted. Real loopback gateway, raw client socket, raw model server socket.
 */
@Timeout(30)
class AgentTurnAbortTest {

    @TempDir
    Path home;

    private final CountDownLatch modelStreaming = new CountDownLatch(1);
    private final CountDownLatch upstreamSawClose = new CountDownLatch(1);

    /** Sends the start of an answer, then nothing, until the gateway closes the connection. */
    private FakeUpstream.Behaviour slowModel() {
        return (req, socket, out) -> {
            FakeUpstream.Dialect d = FakeUpstream.Dialect.of(req.path());
            FakeUpstream.writeHead(out, 200, d.contentType(), Map.of());
            for (String frame : d.frames("Partial answer").subList(0, d.framesToFirstText())) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            modelStreaming.countDown();
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // a model still generating; only the end of the connection stops it
            }
            upstreamSawClose.countDown();
        };
    }

    private static String post(String body) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String ask(String text, boolean stream) {
        return "{\"model\":\"clawgate\",\"stream\":" + stream + ",\"user\":\"ana\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}]}";
    }

    private GatewayRuntime start(FakeUpstream upstream) throws Exception {
        upstream.on("/v1/chat/completions", FakeUpstream.sequence(slowModel(), FakeUpstream.answer("Fine.")));
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, """
            { gateway: { limits: { keepAliveSeconds: 1 } },
              agents: { defaults: { model: "box/qwen3-8b", workspace: "%s" } },
              models: { mode: "replace", providers: { box: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                models: [{ id: "qwen3-8b", name: "Qwen3", contextWindow: 32768, maxTokens: 1024 }] } } } }
            """.formatted(home.resolve("ws"), upstream.baseUrl()));
        Environment env = Environment.of(Map.of(StateDirectory.ENV, home.resolve("state").toString()), home);
        return GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }

    private List<TranscriptEntry> transcript() {
        try (JdbcSessionStore store = JdbcSessionStore.openOwning(new SqliteDatabases(StateDirectory.sessionDatabase(
                Environment.of(Map.of(StateDirectory.ENV, home.resolve("state").toString()), home), null).getParent()))) {
            return store.transcript(SessionKeys.openAiUser("main", "ana"));
        }
    }

    @Test
    void aNonStreamingClientThatDisconnectsAbortsTheTurnToo() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream(); GatewayRuntime gateway = start(upstream)) {
            try (Socket client = new Socket("127.0.0.1", gateway.port())) {
                client.getOutputStream().write(post(ask("first question", false)).getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                assertThat(modelStreaming.await(5, TimeUnit.SECONDS)).isTrue();
            } // the client gives up before any byte of the answer
            assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS))
                    .as("the model call was cancelled: the model server saw its connection closed").isTrue();
            // the next message on the session waits for the aborted turn to be stored
            try (Socket client = new Socket("127.0.0.1", gateway.port())) {
                client.getOutputStream().write(post(ask("second question", false)).getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                assertThat(new String(client.getInputStream().readNBytes(12), StandardCharsets.UTF_8))
                        .isEqualTo("HTTP/1.1 200");
            }
        }
        List<TranscriptEntry> entries = transcript();
        assertThat(entries).extracting(TranscriptEntry::kind).startsWith(EntryKind.MESSAGE, EntryKind.ABORTED);
        assertThat(entries.get(0).message()).isEqualTo(Message.user("first question"));
    }

    @Test
    void aClientThatDisconnectsAbortsTheTurnAndTheSessionKeepsTheMessageAndTheAbortedMarker() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream()) {
            try (GatewayRuntime gateway = start(upstream)) {
                try (Socket client = new Socket("127.0.0.1", gateway.port())) {
                    OutputStream out = client.getOutputStream();
                    out.write(post(ask("first question", true)).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                    String line = in.readLine();
                    while (line != null && !line.contains("Partial answer")) {
                        line = in.readLine();
                    }
                    assertThat(line).as("the partial reply reached the client").isNotNull();
                    assertThat(modelStreaming.await(5, TimeUnit.SECONDS)).isTrue();
                } // the client hangs up while the model is still generating

                assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS))
                        .as("the model call was cancelled: the model server saw its connection closed").isTrue();

                // the next message on the session waits for the aborted turn to be stored, then sees it
                try (Socket client = new Socket("127.0.0.1", gateway.port())) {
                    client.getOutputStream().write(post(ask("second question", false)).getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                    String response = new String(client.getInputStream().readNBytes(200), StandardCharsets.UTF_8);
                    assertThat(response).startsWith("HTTP/1.1 200");
                }
            }
            String lastBody = upstream.modelCalls().getLast().body();
            assertThat(lastBody).contains("first question").contains("was stopped by the user").contains("second question");
        }
        List<TranscriptEntry> entries = transcript();
        assertThat(entries).extracting(TranscriptEntry::kind).startsWith(EntryKind.MESSAGE, EntryKind.ABORTED,
                EntryKind.MESSAGE);
        assertThat(entries.get(0).message()).isEqualTo(Message.user("first question"));
        assertThat(entries.get(1).message().text()).isEqualTo("Partial answer");
    }
}
