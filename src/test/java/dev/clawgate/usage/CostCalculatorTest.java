package dev.clawgate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.catalog.ModelCost;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CostCalculatorTest {

    static final ModelCost SONNET = new ModelCost(3, 15, 0.3, 3.75);

    @Test
    void pricesEachKindPerMillionTokensExactly() {
        Usage u = new Usage(1_000, 500, 2_000, 400, 100, false);
        UsageCost c = CostCalculator.cost(u, SONNET);
        assertThat(c.input()).isEqualByComparingTo("0.003");
        assertThat(c.output()).isEqualByComparingTo("0.0075");
        assertThat(c.cacheRead()).isEqualByComparingTo("0.0006");
        assertThat(c.cacheWrite()).isEqualByComparingTo("0.0015");
        assertThat(c.total()).isEqualByComparingTo("0.0126");
        assertThat(CostCalculator.totalUsd(u, SONNET)).isEqualByComparingTo("0.0126");
    }

    @Test
    void decimalPricesStayDecimalAndSumsLoseNothing() {
        ModelCost mini = new ModelCost(0.15, 0.6, 0.075, 0);
        UsageCost one = CostCalculator.cost(new Usage(1, 1, 1, 0, 0, false), mini);
        assertThat(one.total()).isEqualByComparingTo("0.000000825");
        UsageCost sum = UsageCost.ZERO;
        for (int i = 0; i < 1_000_000; i++) {
            sum = sum.plus(one);
        }
        assertThat(sum.total()).isEqualByComparingTo(new BigDecimal("0.825"));
    }

    @Test
    void freeModelsNullsAndBrokenCounts() {
        assertThat(CostCalculator.cost(new Usage(10, 10, 0, 0, 0, true), ModelCost.FREE)).isEqualTo(UsageCost.ZERO);
        assertThat(CostCalculator.cost(null, SONNET)).isEqualTo(UsageCost.ZERO);
        assertThat(CostCalculator.totalUsd(new Usage(-5, 1_000_000, 0, 0, 0, false), SONNET)).isEqualByComparingTo("15");
        assertThatThrownBy(() -> CostCalculator.cost(Usage.ZERO, new ModelCost(Double.NaN, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalAsDouble() {
        assertThat(CostCalculator.cost(new Usage(1_000_000, 1_000_000, 0, 0, 0, false), SONNET).totalUsd()).isEqualTo(18.0);
    }
}
