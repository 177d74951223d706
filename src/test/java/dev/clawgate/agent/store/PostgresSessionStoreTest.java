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
import java.util.concurrent.Future;
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
}
