package dev.clawgate.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Why a reservation did not fit: the first budget it would have overrun.
 *
 * @param scope {@code gateway} or {@code agent:<id>}
 * @param needed the call's worst-case cost that was asked for
 * @param localOnly the budget says {@code onExceeded: "local-only"}: the call may go on to free models
 * @param now when it was refused, for {@link #retryAfter()}
 */
public record BudgetRefusal(String scope, Period period, BigDecimal limit, BigDecimal spent, BigDecimal reserved,
        BigDecimal needed, Instant resetsAt, boolean localOnly, Instant now) {

    /** Until the period resets, at least one second. */
    public Duration retryAfter() {
        Duration d = Duration.between(now, resetsAt);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** {@code budget gateway daily: spent $4.98 of $5.00 (...), resets at 2026-12-04T00:00:00Z}. */
    public String describe() {
        return "budget " + scope + " " + period.label() + ": spent $" + usd(spent) + " of $" + usd(limit)
                + (reserved.signum() > 0 ? " ($" + usd(reserved) + " reserved by calls in flight)" : "")
                + ", this call could cost up to $" + usd(needed) + "; resets at " + resetsAt;
    }

    static String usd(BigDecimal v) {
        return v.setScale(v.scale() > 2 && v.stripTrailingZeros().scale() > 2 ? 4 : 2, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
