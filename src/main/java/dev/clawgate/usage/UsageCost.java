package dev.clawgate.usage;

import java.math.BigDecimal;

/**
 * The price of one call's {@link dev.clawgate.wire.Usage} in USD, per token kind. Values are exact (see
 * {@link CostCalculator}); round only for display.
 */
public record UsageCost(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {

    public static final UsageCost ZERO = new UsageCost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public BigDecimal total() {
        return input.add(output).add(cacheRead).add(cacheWrite);
    }

    /** The total as a double, for metrics; exact to far below a cent for any realistic call. */
    public double totalUsd() {
        return total().doubleValue();
    }

    public UsageCost plus(UsageCost other) {
        return new UsageCost(input.add(other.input), output.add(other.output), cacheRead.add(other.cacheRead),
                cacheWrite.add(other.cacheWrite));
    }
}
