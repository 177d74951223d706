package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborting a turn: the model call in flight is cancelled (the slow model server sees its connection
 * closed), and the session keeps the user's message and the partial reply marked aborted; the next turn
 * tells the model only that the reply was stopped.
 */
@Timeout(30)
class AgentAbortTest {

    private static final String KEY = SessionKeys.main("main");

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch upstreamSawClose = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedModelServer(8192, AgentAbortTest::answer);
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", 8192, 512, null));
    }

    @AfterEach
    void tearDown() {
        agent.close();
        server.close();
    }

    private static ScriptedModelServer.Reply answer(ChatRequest request) {
        String last = request.messages().get(request.messages().size() - 1).text();
        return ScriptedModelServer.Reply.text(last.contains("slow") ? "Partial answer that never ends" : "Fine.");
    }

    /** Holds the first answer before {@code frame} until the client closes the connection. */
    private void holdFirstAnswerBefore(int frame) {
        AtomicBoolean first = new AtomicBoolean(true);
        server.pacer((f, socket) -> {
            if (f == frame && first.getAndSet(false)) {
                held.countDown();
                drainUntilClosed(socket);
                upstreamSawClose.countDown();
            }
        });
    }

    private static void drainUntilClosed(Socket socket) throws java.io.IOException {
        InputStream in = socket.getInputStream();
        while (in.read() != -1) {
            // the request was read already; anything more is ignored until EOF
        }
    }

    private CompletableFuture<TurnResult> runInBackground(TurnRequest request) {
        CompletableFuture<TurnResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(agent.runtime.runTurn(request));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Test
    void abortBySessionKeyCancelsTheStreamingCallAndStoresThePartialReplyMarkedAborted() throws Exception {
        holdFirstAnswerBefore(2); // frames: role, first half of the text, second half, finish, [DONE]
        CountDownLatch seenText = new CountDownLatch(1);
        StringBuilder shown = new StringBuilder();
        TurnListener listener = new TurnListener() {
            @Override
            public void replyDelta(String text) {
                shown.append(text);
                seenText.countDown();
            }
        };
        CompletableFuture<TurnResult> turn = runInBackground(new TurnRequest(null, null, "slow please", null, listener));
        assertThat(seenText.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.runtime.isRunning(KEY)).isTrue();

        assertThat(agent.runtime.abort(KEY)).isTrue();

        TurnResult result = turn.get(10, TimeUnit.SECONDS);
        assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).as("the model server saw its connection closed").isTrue();
        assertThat(result.aborted()).isTrue();
        assertThat(result.reply()).isEqualTo("Partial answer ").isEqualTo(shown.toString());
        assertThat(agent.runtime.abort(KEY)).as("nothing runs any more").isFalse();
        List<TranscriptEntry> stored = agent.store.transcript(KEY);
        assertThat(stored).extracting(TranscriptEntry::kind).containsExactly(EntryKind.MESSAGE, EntryKind.ABORTED);
        assertThat(stored.get(0).message()).isEqualTo(Message.user("slow please"));
        assertThat(stored.get(1).message().role()).isEqualTo(Message.Role.ASSISTANT);
        assertThat(stored.get(1).message().text()).isEqualTo("Partial answer ");

        TurnResult next = agent.send("and now?");
        assertThat(next.aborted()).isFalse();
        assertThat(next.reply()).isEqualTo("Fine.");
        List<Message> sent = server.answered().get(server.answered().size() - 1).messages();
        assertThat(sent).extracting(Message::text)
                .containsExactly("slow please", SessionContext.ABORTED_MARKER, "and now?");
    }

    @Test
    void abortThroughTheRequestHandleWhileTheModelHasNotAnsweredCancelsTheCall() throws Exception {
        holdFirstAnswerBefore(-1); // no response head yet: the call is still being routed
        TurnAbort handle = new TurnAbort();
        CompletableFuture<TurnResult> turn = runInBackground(TurnRequest.of(null, "slow and silent").withAbort(handle));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(handle.abort()).isTrue();

        TurnResult result = turn.get(10, TimeUnit.SECONDS);
        assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).as("the model server saw its connection closed").isTrue();
        assertThat(result.aborted()).isTrue();
        assertThat(result.reply()).isEmpty();
        assertThat(agent.store.transcript(KEY)).extracting(TranscriptEntry::kind)
                .containsExactly(EntryKind.MESSAGE, EntryKind.ABORTED);
        // a cancelled call is not the model's failure: the next turn uses the same model at once
        assertThat(agent.send("still there?").reply()).isEqualTo("Fine.");
    }

    @Test
    void anAbortedToolStepKeepsEveryCallPairedWithAResult() {
        Message assistant = new Message(Message.Role.ASSISTANT, List.of(new Part.ToolCall("c1", "read", "{}"),
                new Part.ToolCall("c2", "list", "{}")));
        Message firstResult = new Message(Message.Role.TOOL, List.of(new Part.ToolResult("c1", "read", "ok", false)));

        Turn turn = AbortedTurn.of(List.of(assistant, firstResult), "", List.of());

        assertThat(turn.entries()).extracting(Turn.Entry::kind)
                .containsExactly(EntryKind.MESSAGE, EntryKind.MESSAGE, EntryKind.MESSAGE, EntryKind.ABORTED);
        assertThat(turn.entries().get(2).message().parts()).singleElement()
                .isEqualTo(new Part.ToolResult("c2", "list", AbortedTurn.NOT_RUN, true));
    }
}
