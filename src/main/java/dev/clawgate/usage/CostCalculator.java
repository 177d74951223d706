package dev.clawgate.usage;

import dev.clawgate.catalog.ModelCost;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;

/**
 * Prices usage with catalog prices (USD per 1M tokens): {@code cost.x = price.x / 1e6 * usage.x} for
 * input, output, cache reads and cache writes. Input excludes cached tokens and output includes reasoning
 * tokens (as {@link Usage} defines them), so nothing is counted twice.
 *
 * <p><b>Rounding: none.</b> Each price is taken as the decimal it is written as
 * ({@link BigDecimal#valueOf(double)}: 0.15 is 0.15, not its binary approximation), multiplied by an
 * integer token count, and divided by 10^6, which only moves the decimal point; so every component and
 * the total are exact. Callers round for display (e.g. {@code setScale(6, HALF_EVEN)}); summing exact
 * values over many calls loses nothing.
 *
 * <p>Negative token counts (a broken upstream) are priced as zero rather than failing the call; a
 * negative or non-finite price is a catalog bug and is rejected.
 */
public final class CostCalculator {

    private CostCalculator() {}

    public static UsageCost cost(Usage usage, ModelCost prices) {
        if (usage == null || prices == null || prices.isFree()) {
            return UsageCost.ZERO;
        }
        return new UsageCost(
                price(usage.inputTokens(), prices.input()),
                price(usage.outputTokens(), prices.output()),
                price(usage.cacheReadTokens(), prices.cacheRead()),
                price(usage.cacheWriteTokens(), prices.cacheWrite()));
    }

    /** The total in USD, exact. */
    public static BigDecimal totalUsd(Usage usage, ModelCost prices) {
        return cost(usage, prices).total();
    }

    private static BigDecimal price(long tokens, double usdPerMillion) {
        if (!Double.isFinite(usdPerMillion) || usdPerMillion < 0) {
            throw new IllegalArgumentException("price per 1M tokens must be a finite non-negative number: "
                    + usdPerMillion);
        }
        if (tokens <= 0 || usdPerMillion == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(usdPerMillion).multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
    }
}
