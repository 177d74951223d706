package dev.clawgate.gateway;

import dev.clawgate.budget.BudgetStatus;
import dev.clawgate.budget.Budgets;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each budget's spend, limit and 80 % warning as gauges on {@code /metrics}, tagged by {@code scope}
 * ({@code gateway}, {@code agent:<id>}, {@code key:<id>}: bounded by the config) and {@code period}. Read
 * from the budgets at each scrape, so a reload's budgets appear and removed ones disappear.
 */
final class BudgetGauges {

    private final Supplier<List<BudgetStatus>> budgets;
    private final MultiGauge spent;
    private final MultiGauge limit;
    private final MultiGauge warning;

    BudgetGauges(GatewayMetrics metrics, Supplier<List<BudgetStatus>> budgets) {
        this.budgets = budgets;
        this.spent = MultiGauge.builder("clawgate.budget.spent").baseUnit("usd")
                .description("Settled spend of a budget in its current period").register(metrics.registry());
        this.limit = MultiGauge.builder("clawgate.budget.limit").baseUnit("usd")
                .description("The limit of a budget in its current period").register(metrics.registry());
        this.warning = MultiGauge.builder("clawgate.budget.warning")
                .description("1 once a budget's spend reached 80 % of its limit in the current period")
                .register(metrics.registry());
        metrics.beforeScrape(this::refresh);
    }

    private void refresh() {
        List<BudgetStatus> now = budgets.get();
        spent.register(rows(now, BudgetStatus::spentUsd), true);
        limit.register(rows(now, BudgetStatus::limitUsd), true);
        warning.register(rows(now, b -> b.spentUsd() >= b.limitUsd() * Budgets.WARN_SHARE.doubleValue() ? 1.0 : 0.0),
                true);
    }

    private static List<MultiGauge.Row<?>> rows(List<BudgetStatus> now, Function<BudgetStatus, Double> value) {
        return now.stream().<MultiGauge.Row<?>>map(b -> MultiGauge.Row.of(Tags.of("scope", b.scope(), "period",
                b.period()), value.apply(b))).toList();
    }
}
