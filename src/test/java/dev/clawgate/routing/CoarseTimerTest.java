package dev.clawgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CoarseTimerTest {

    private final CoarseTimer timer = new CoarseTimer(Duration.ofMillis(10));

    @Test
    void aTimeoutPastItsDueRunsOnceAndCannotBeCancelledAfterwards() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CoarseTimer.Timeout t = timer.schedule(Duration.ofMillis(30), () -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(t.cancel()).as("it already ran").isFalse();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aCancelledTimeoutNeverRunsWhileALaterOneStillDoes() throws Exception {
        AtomicInteger cancelledRuns = new AtomicInteger();
        CoarseTimer.Timeout cancelled = timer.schedule(Duration.ofMillis(20), cancelledRuns::incrementAndGet);
        assertThat(cancelled.cancel()).isTrue();
        CountDownLatch later = new CountDownLatch(1);
        timer.schedule(Duration.ofMillis(60), later::countDown);
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue(); // the sweeper passed the cancelled one's due time
        assertThat(cancelledRuns.get()).isZero();
    }
}
