package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.SessionTakenOverException;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn whose session another instance takes over while its model call runs: the turn's remaining writes are
 * refused whole, the turn fails with an error that says so, and the other instance's turn stands.
 */
@Timeout(30)
class AgentFencingTest {

    private static final String KEY = SessionKeys.main("main");
    /** The fence of the other instance's lease: far above this process's, as a later Redis grant would be. */
    private static final long TAKEOVER_FENCE = 1000;

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;
    private final AtomicBoolean takeOverDuringTheNextCall = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedModelServer(8192, this::answer);
        agent = new AgentHarness(home, AgentHarness.config(server.baseUrl(), "openai-completions", 8192, 512, null));
    }

    @AfterEach
    void tearDown() {
        agent.close();
        server.close();
    }

    private ScriptedModelServer.Reply answer(ChatRequest request) {
        if (takeOverDuringTheNextCall.getAndSet(false)) { // this instance's lease lapsed; another one claims
            SessionStore other = agent.store.fencedBy(TAKEOVER_FENCE);
            other.claimTurn(KEY, "main");
            other.appendTurn(KEY, Turn.of(List.of(Message.user("asked elsewhere"), Message.assistant("answered elsewhere")),
                    List.of()));
        }
        return ScriptedModelServer.Reply.text("Fine.");
    }

    @Test
    void aTurnTakenOverWhileItsModelAnswersIsRefusedAndTheOtherTurnStands() {
        assertThat(agent.send("first").reply()).isEqualTo("Fine.");
        long fence = agent.store.storedFence(KEY);
        assertThat(fence).as("this process's turns are fenced too").isPositive();

        takeOverDuringTheNextCall.set(true);
        assertThatThrownBy(() -> agent.send("second"))
                .isInstanceOf(AgentRunException.class).hasCauseInstanceOf(SessionTakenOverException.class)
                .hasMessage("session " + KEY + " was taken over by another instance (fence " + TAKEOVER_FENCE + " > "
                        + (fence + 1) + "); this turn's writes were refused");

        assertThat(agent.store.transcript(KEY)).extracting(TranscriptEntry::message).extracting(Message::text)
                .as("the refused turn's reply is not stored; its message was, before the takeover")
                .containsExactly("first", "Fine.", "second", "asked elsewhere", "answered elsewhere");
        assertThat(agent.store.usage(KEY)).as("the refused turn's usage is not stored either").hasSize(1);

        assertThat(agent.send("third").reply()).as("the next turn claims above the other instance").isEqualTo("Fine.");
        assertThat(agent.store.storedFence(KEY)).isEqualTo(TAKEOVER_FENCE + 1);
    }
}
