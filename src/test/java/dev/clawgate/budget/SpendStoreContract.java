package dev.clawgate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.state.SqlDatabases;
import dev.clawgate.testing.StateEngines;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What every engine of {@link JdbcSpendStore} must do; run on SQLite and on PostgreSQL. */
@Timeout(30)
abstract class SpendStoreContract {

    @TempDir
    Path dir;

    abstract StateEngines engine();

    @Test
    void sumsExactlyAndKeepsItAcrossReopen() {
        try (JdbcSpendStore store = JdbcSpendStore.openOwning(engine().open(dir))) {
            assertThat(store.spent("gateway", "daily:2026-12-03")).isZero();
            store.add("gateway", "daily:2026-12-03", new BigDecimal("0.1"));
            store.add("gateway", "daily:2026-12-03", new BigDecimal("0.2"));
            store.add("agent:main", "daily:2026-12-03", new BigDecimal("5"));
        }
        try (JdbcSpendStore store = JdbcSpendStore.openOwning(engine().open(dir))) {
            assertThat(store.spent("gateway", "daily:2026-12-03")).isEqualByComparingTo("0.3");
            assertThat(store.spent("agent:main", "daily:2026-12-03")).isEqualByComparingTo("5");
            assertThat(store.spent("gateway", "daily:2026-12-04")).isZero();
        }
    }

    /** Two instances settling at once: every amount counts (the row is locked between read and write). */
    @Test
    void concurrentSettlementsFromTwoInstancesAllCount() throws Exception {
        try (SqlDatabases first = engine().open(dir); SqlDatabases second = engine().open(dir);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            JdbcSpendStore a = JdbcSpendStore.open(first);
            JdbcSpendStore b = JdbcSpendStore.open(second);
            List<Future<?>> adds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                JdbcSpendStore store = i % 2 == 0 ? a : b;
                adds.add(pool.submit(() -> store.add("gateway", "monthly:2026-12", new BigDecimal("0.01"))));
            }
            for (Future<?> f : adds) {
                f.get();
            }
            assertThat(a.spent("gateway", "monthly:2026-12")).isEqualByComparingTo("0.40");
        }
    }
}
