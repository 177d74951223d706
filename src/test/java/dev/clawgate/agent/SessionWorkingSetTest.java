package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * session archived and started again behind its back. Token counts are stored with the entries, so a working
 * set started afresh (a restart) adds them up instead of counting the session again.
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

    /** Runs SQL on the store's SQLite file directly, as an older Clawgate or a test fixture would. */
    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sessions.db"));
                Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Test
    void eachEntryKeepsItsTokenCountAcrossARestart() {
        turns(1, 20);
        assertThat(real.transcript(KEY)).allSatisfy(e ->
                assertThat(e.tokens()).isEqualTo(TOKENS.estimateMessageTokens(e.message())));
        long counted = workingSet.load(KEY, 0).messagesTokens();

        real.close(); // a restart: the store reopened, an empty working set
        real = JdbcSessionStore.openOwning(new SqliteDatabases(dir));
        SessionContext afterRestart = new SessionWorkingSet(real, TOKENS).load(KEY, 0);

        assertThat(afterRestart.messagesTokens()).isEqualTo(counted);
        assertSameAsAFullRead(afterRestart);
    }

    @Test
    void aFreshWorkingSetAddsTheStoredCountsWithoutCountingAgain() throws SQLException {
        turns(1, 5);
        sql("UPDATE transcript_entries SET tokens = 1000"); // counts no estimator would give these short texts

        SessionContext loaded = new SessionWorkingSet(real, TOKENS).load(KEY, 0);

        assertThat(loaded.messagesTokens()).isEqualTo(10 * 1000);
    }

    @Test
    void entriesStoredWithoutACountAreCountedOnRead() throws SQLException {
        turns(1, 5);
        sql("UPDATE transcript_entries SET tokens = NULL"); // as written before the store kept counts (V5)
        assertThat(real.transcript(KEY)).allSatisfy(e -> assertThat(e.tokens()).isEqualTo(TranscriptEntry.UNCOUNTED));

        assertSameAsAFullRead(new SessionWorkingSet(real, TOKENS).load(KEY, 0));
    }
}
