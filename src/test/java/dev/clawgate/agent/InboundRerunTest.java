package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat message run a second time (a channel resumes what it had not marked done before a restart) stores the
 * user's message once: the rerun continues on the stored entry, or delivers the reply the first run stored.
 */
@Timeout(30)
class InboundRerunTest {

    private static final String KEY = "agent:main:telegram:dm:42";

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;

    @BeforeEach
    void start() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = new ScriptedModelServer(65536, r -> ScriptedModelServer.Reply.text("answer " + calls.getAndIncrement()));
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", 65536, 512, null));
    }

    @AfterEach
    void tearDown() {
        agent.close();
        server.close();
    }

    private TurnResult send(String text, String inboundId) {
        return agent.runtime.runTurn(new TurnRequest("main", KEY, text, null, null, null, null, List.of(), inboundId));
    }

    private List<String> transcript() {
        return agent.store.transcript(KEY).stream().map(e -> e.message().role() + ": " + e.message().text()).toList();
    }

    @Test
    void aMessageAnsweredBeforeTheRestartGetsItsStoredReplyWithoutAModelCall() {
        assertThat(send("hello", "telegram:7").reply()).isEqualTo("answer 0");
        agent.restart();

        TurnResult again = send("hello", "telegram:7");

        assertThat(again.reply()).isEqualTo("answer 0");
        assertThat(server.answered()).hasSize(1);
        assertThat(transcript()).containsExactly("USER: hello", "ASSISTANT: answer 0");
        // a different message with the same text is a new message
        assertThat(send("hello", "telegram:8").reply()).isEqualTo("answer 1");
        assertThat(transcript()).containsExactly("USER: hello", "ASSISTANT: answer 0", "USER: hello",
                "ASSISTANT: answer 1");
    }

    @Test
    void aMessageStoredButNotAnsweredRunsOnItsStoredEntry() {
        assertThat(send("first", "telegram:6").reply()).isEqualTo("answer 0");
        // what a crash after the user's message was stored and before the reply leaves behind
        agent.store.appendTurn(KEY, new Turn(List.of(new Turn.Entry(EntryKind.MESSAGE, Message.user("second"),
                "telegram:7")), List.of()));
        agent.restart();

        assertThat(send("second", "telegram:7").reply()).isEqualTo("answer 1");

        assertThat(transcript()).containsExactly("USER: first", "ASSISTANT: answer 0", "USER: second",
                "ASSISTANT: answer 1");
        ChatRequest rerun = server.answered().get(1);
        assertThat(rerun.messages().stream().filter(m -> m.role() == Message.Role.USER).map(Message::text))
                .containsExactly("first", "second");
        assertThat(agent.store.findInbound(KEY, "telegram:7")).map(TranscriptEntry::seq).hasValue(3L);
    }
}
