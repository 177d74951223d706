package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session working set reads and counts only the entries written since the previous load, and always
 * gives the same context and token count as a full read of the store: after new turns, a compaction, and a
 * session archived and started again behind its back.
 */
@Timeout(30)
class SessionWorkingSetTest {

    private static final String KEY = SessionKeys.main("main");
    private static final TokenEstimator TOKENS = TokenEstimator.shared();

    @TempDir
    Path dir;

    private JdbcSessionStore real;
    private final AtomicInteger rowsRead = new AtomicInteger();
    private SessionWorkingSet workingSet;

    @BeforeEach
    void open() {
        real = JdbcSessionStore.openOwning(new SqliteDatabases(dir));
        real.ensureSession(KEY, "main");
        // counts the transcript rows the working set reads (a test-only view of the real store)
        SessionStore counting = (SessionStore) Proxy.newProxyInstance(SessionStore.class.getClassLoader(),
                new Class<?>[] {SessionStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().startsWith("transcript")) {
                        rowsRead.addAndGet(((List<?>) result).size());
                    }
                    return result;
                });
        workingSet = new SessionWorkingSet(counting, TOKENS);
    }

    @AfterEach
    void close() {
        real.close();
    }

    private void turns(int from, int to) {
        for (int i = from; i <= to; i++) {
            real.appendTurn(KEY, Turn.of(List.of(Message.user("question " + i), Message.assistant("answer " + i)),
                    List.of()));
        }
    }

    private void assertSameAsAFullRead(SessionContext cached) {
        SessionContext full = SessionContext.load(real, KEY);
        assertThat(cached.summary()).isEqualTo(full.summary());
        assertThat(cached.messages()).isEqualTo(full.messages());
        long counted = TOKENS.estimatePromptTokens(new ChatRequest(null, null, full.messages(), List.of(), null, null,
                null, null, List.of(), true, null, null)) - TokenEstimator.TOKENS_PER_REPLY;
        assertThat(cached.messagesTokens()).isEqualTo(counted).isEqualTo(full.messagesTokens());
    }

    @Test
    void aLaterLoadReadsOnlyTheNewEntriesAndCountsExactly() {
        turns(1, 500);
        assertSameAsAFullRead(workingSet.load(KEY, 0));
        assertThat(rowsRead.getAndSet(0)).isEqualTo(1000);

        turns(501, 501);
        SessionContext next = workingSet.load(KEY, 0);
        assertThat(rowsRead.get()).as("the last known entry, checked, and the two new ones").isEqualTo(3);
        assertThat(next.messages()).hasSize(1002);
        assertSameAsAFullRead(next);

        real.appendTurn(KEY, Turn.of(List.of(Message.user("the running turn's message")), List.of()));
        SessionContext running = workingSet.load(KEY, 1);
        assertThat(running.messages()).hasSize(1002).isEqualTo(next.messages());
        assertThat(running.messagesTokens()).isEqualTo(next.messagesTokens());
    }

    @Test
    void aCompactionReplacesWhatCameBeforeItExactlyAsAFullReadDoes() {
        turns(1, 40);
        workingSet.load(KEY, 0);
        real.appendCompaction(KEY, Message.user("summary of turns 1-38"),
                List.of(Message.user("question 39"), Message.assistant("answer 39"), Message.user("question 40"),
                        Message.assistant("answer 40")));
        turns(41, 41);

        SessionContext after = workingSet.load(KEY, 0);

        assertThat(after.summary()).isEqualTo("summary of turns 1-38");
        assertThat(after.messages()).hasSize(6);
        assertSameAsAFullRead(after);
    }

    @Test
    void aSessionArchivedAndStartedAgainElsewhereIsReadAfresh() {
        turns(1, 10);
        workingSet.load(KEY, 0);
        real.archiveSession(KEY, KEY + ":archived:1"); // as /new in another process would, without telling us
        real.ensureSession(KEY, "main");
        turns(1, 1);

        SessionContext fresh = workingSet.load(KEY, 0);

        assertThat(fresh.messages()).containsExactly(Message.user("question 1"), Message.assistant("answer 1"));
        assertSameAsAFullRead(fresh);
    }
}
