package dev.clawgate.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ToolLoopLimitsTest {

    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void stopsAfterMaxSteps() {
        ToolLoopLimits.Budget budget = new ToolLoopLimits(3, Duration.ofMinutes(1)).start(new ManualClock());
        assertThat(budget.tryStartStep()).isTrue();
        assertThat(budget.tryStartStep()).isTrue();
        assertThat(budget.exhaustedReason()).isNull();
        assertThat(budget.tryStartStep()).isTrue();
        assertThat(budget.tryStartStep()).isFalse();
        assertThat(budget.stepsTaken()).isEqualTo(3);
        assertThat(budget.exhaustedReason()).isEqualTo("stopped after 3 tool steps");
    }

    @Test
    void stopsWhenTimeIsUp() {
        ManualClock clock = new ManualClock();
        ToolLoopLimits.Budget budget = new ToolLoopLimits(10, Duration.ofSeconds(30)).start(clock);
        assertThat(budget.tryStartStep()).isTrue();
        clock.now = clock.now.plusSeconds(20);
        assertThat(budget.remaining()).isEqualTo(Duration.ofSeconds(10));
        clock.now = clock.now.plusSeconds(15);
        assertThat(budget.remaining()).isEqualTo(Duration.ZERO);
        assertThat(budget.tryStartStep()).isFalse();
        assertThat(budget.exhaustedReason()).contains("run time limit of 30 s");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ToolLoopLimits(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ToolLoopLimits(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
