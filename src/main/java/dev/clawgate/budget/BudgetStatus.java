package dev.clawgate.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One budget in one period, as {@code clawgate usage --json} and {@code /clawgate/status} show it.
 *
 * @param scope {@code gateway} or {@code agent:<id>}
 * @param period {@code daily} or {@code monthly}
 */
public record BudgetStatus(String scope, String period, double limitUsd, double spentUsd, double reservedUsd,
        Instant resetsAt) {

    /** {@code { scope, period, limitUsd, spentUsd, reservedUsd, resetsAt }}. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        o.put("scope", scope).put("period", period).put("limitUsd", limitUsd).put("spentUsd", spentUsd)
                .put("reservedUsd", reservedUsd).put("resetsAt", resetsAt.toString());
        return o;
    }

    static BudgetStatus of(String scope, Period period, BigDecimal limit, BigDecimal spent, BigDecimal reserved,
            Instant resetsAt) {
        return new BudgetStatus(scope, period.label(), limit.doubleValue(), spent.doubleValue(),
                reserved.doubleValue(), resetsAt);
    }
}
