package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.state.SqlDatabases;
import dev.clawgate.testing.StateEngines;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The session store contract on a real PostgreSQL, plus what only a shared database has: several writers. */
@Tag("postgres")
class PostgresSessionStoreTest extends SessionStoreContract {

    @Override
    StateEngines engine() {
        return StateEngines.POSTGRESQL;
    }

    /** PostgreSQL stores NaN as a double, but refuses a NUL character in text. */
    @Override
    UsageRecord refusedUsageRow() {
        return new UsageRecord("m/x", Usage.ZERO, 0.0, 0, false, "nul \u0000 byte", null);
    }

    /** Two instances appending to one session at once: the session row lock gives every entry its own seq. */
    @Test
    void twoInstancesAppendingToOneSessionGetDistinctSeqs() throws Exception {
        try (SqlDatabases first = engine().open(dir); SqlDatabases second = engine().open(dir);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            JdbcSessionStore a = JdbcSessionStore.open(first);
            JdbcSessionStore b = JdbcSessionStore.open(second);
            a.ensureSession(KEY, "main");
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JdbcSessionStore store = i % 2 == 0 ? a : b;
                String text = "turn " + i;
                writes.add(pool.submit(() -> store.appendTurn(KEY, Turn.of(List.of(Message.user(text),
                        Message.assistant("re: " + text)), List.of()))));
            }
            for (Future<?> f : writes) {
                f.get();
            }
            assertThat(b.transcript(KEY)).extracting(TranscriptEntry::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        }
    }
    /** Two instances on local locks drew the same fence for one session at the same moment: exactly one runs. */
    @Test
    void ofTwoInstancesClaimingWithTheSameFenceAtOnceExactlyOneWins() throws Exception {
        try (SqlDatabases first = engine().open(dir); SqlDatabases second = engine().open(dir);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            JdbcSessionStore a = JdbcSessionStore.open(first);
            JdbcSessionStore b = JdbcSessionStore.open(second);
            for (long fence = 1; fence <= 10; fence++) {
                SessionStore fromA = a.fencedBy(fence);
                SessionStore fromB = b.fencedBy(fence);
                Future<Boolean> claimA = pool.submit(() -> claims(fromA));
                Future<Boolean> claimB = pool.submit(() -> claims(fromB));
                assertThat(List.of(claimA.get(), claimB.get())).as("fence %d", fence).containsExactlyInAnyOrder(true, false);
            }
        }
    }

    private static boolean claims(SessionStore store) {
        try {
            store.claimTurn(KEY, "main");
            return true;
        } catch (SessionTakenOverException e) {
            return false;
        }
    }

    /**
     * A lapsed holder on one instance appends while the next holder claims on another: the row lock orders the
     * fence check and the insert against the claim, so the lapsed holder's entries all precede the claim.
     */
    @Test
    void aLapsedHoldersAppendsRacingTheClaimAllLandBeforeIt() throws Exception {
        try (SqlDatabases first = engine().open(dir); SqlDatabases second = engine().open(dir);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            SessionStore lapsed = JdbcSessionStore.open(first).fencedBy(1);
            lapsed.claimTurn(KEY, "main");
            CountDownLatch appending = new CountDownLatch(1);
            Future<Integer> stored = pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    try {
                        lapsed.appendTurn(KEY, Turn.of(List.of(Message.assistant("late " + i)), List.of()));
                    } catch (SessionTakenOverException e) {
                        return i;
                    }
                    appending.countDown();
                }
                throw new AssertionError("never refused");
            });
            assertThat(appending.await(10, TimeUnit.SECONDS)).isTrue();
            SessionStore next = JdbcSessionStore.open(second).fencedBy(2);
            next.claimTurn(KEY, "main");
            next.appendTurn(KEY, Turn.of(List.of(Message.user("the next holder's question")), List.of()));

            int late = stored.get();
            List<String> texts = next.transcript(KEY).stream().map(e -> e.message().text()).toList();
            assertThat(texts).hasSize(late + 1).last().isEqualTo("the next holder's question");
            assertThat(texts.subList(0, late)).allMatch(t -> t.startsWith("late "));
        }
    }
}
