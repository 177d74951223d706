package dev.clawgate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clawgate.catalog.ModelCost;
import dev.clawgate.config.BudgetsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Reservation arithmetic, periods, the 80 % warning and what a crash leaves behind. */
class BudgetsTest {

    /** $0.01 per input token. */
    private static final ModelCost PRICES = new ModelCost(10_000, 0, 0, 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-31T21:30:00Z"));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.clawgate.budget");

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    private static ClawgateConfig config(BudgetsConfig.Budget gateway) {
        return new ClawgateConfig(null, null, null, null, List.of(), null, new BudgetsConfig(gateway, null, Map.of()));
    }

    private static Usage tokens(long n) {
        return new Usage(n, 0, 0, 0, 0, false);
    }

    private Budgets.Reservation reserve(Budgets budgets, String usd) {
        Budgets.Decision d = budgets.reserve(null, PRICES, new BigDecimal(usd));
        assertThat(d).isInstanceOf(Budgets.Granted.class);
        return ((Budgets.Granted) d).reservation();
    }

    @Test
    void warnsOnceWhenSpendReachesEightyPercent() {
        Budgets budgets = new Budgets(() -> config(new BudgetsConfig.Budget(1.0, null, "refuse", null)),
                SpendStore.inMemory(), clock);

        reserve(budgets, "0.1").settle(tokens(50)); // $0.50
        assertThat(logged.list).isEmpty();
        reserve(budgets, "0.4").settle(tokens(35)); // $0.85
        reserve(budgets, "0.1").settle(tokens(5)); // $0.90

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getLevel().toString()).isEqualTo("WARN");
        assertThat(logged.list.get(0).getFormattedMessage())
                .isEqualTo("budget gateway daily (daily:2026-03-31) has reached 85%: spent $0.85 of $1.00");
    }

    @Test
    void periodsFollowTheBudgetsTimeZone() {
        // 21:30 UTC on 31 March is already 1 April in Tokyo: a new day and a new month there
        Budgets budgets = new Budgets(() -> config(new BudgetsConfig.Budget(1.0, 10.0, "refuse", "Asia/Tokyo")),
                SpendStore.inMemory(), clock);

        assertThat(budgets.status()).extracting(BudgetStatus::period, s -> s.resetsAt().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("daily", "2026-04-01T15:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("monthly", "2026-04-30T15:00:00Z"));
    }

    @Test
    void aCrashKeepsSettledSpendAndLeavesNothingReserved() {
        BudgetsConfig.Budget daily = new BudgetsConfig.Budget(1.0, null, "refuse", null);
        Path db = dir.resolve("budget.db");
        try (JdbcSpendStore store = JdbcSpendStore.openOwning(new SqliteDatabases(db.getParent()))) {
            Budgets before = new Budgets(() -> config(daily), store, clock);
            reserve(before, "0.2").settle(tokens(30)); // $0.30 settled
            reserve(before, "0.6"); // in flight when the process dies: never settled
            assertThat(before.status().get(0).reservedUsd()).isEqualTo(0.6);
        }
        try (JdbcSpendStore store = JdbcSpendStore.openOwning(new SqliteDatabases(db.getParent()))) {
            Budgets after = new Budgets(() -> config(daily), store, clock);
            BudgetStatus status = after.status().get(0);
            assertThat(status.spentUsd()).isEqualTo(0.3);
            assertThat(status.reservedUsd()).isZero();
            assertThat(after.reserve(null, PRICES, new BigDecimal("0.7"))).isInstanceOf(Budgets.Granted.class);
        }
    }

    @Test
    void aFreeModelIsAlwaysGrantedEvenWithNothingLeft() {
        Budgets budgets = new Budgets(() -> config(new BudgetsConfig.Budget(0.0, null, "local-only", null)),
                SpendStore.inMemory(), clock);

        assertThat(budgets.reserve(null, ModelCost.FREE, BigDecimal.ZERO)).isInstanceOf(Budgets.Granted.class);
        Budgets.Decision priced = budgets.reserve(null, PRICES, new BigDecimal("0.01"));
        assertThat(priced).isInstanceOf(Budgets.Refused.class);
        assertThat(((Budgets.Refused) priced).refusal().localOnly()).isTrue();
    }
}
