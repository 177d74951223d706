package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SessionLocksTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    /** Waits (bounded, without sleeping) until {@code n} runs are queued on {@code key}. */
    private static void awaitQueued(SessionLocks locks, String key, int n) {
        for (int spins = 0; locks.queuedOn(key) < n; spins++) {
            assertThat(spins).as("waiters never queued").isLessThan(50_000_000);
            Thread.yield();
        }
    }

    @Test
    void secondRunOnASessionQueuesAndRunsInArrivalOrder() throws Exception {
        SessionLocks locks = new SessionLocks();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);

        SessionLocks.Lease first = locks.acquire("agent:main:main", LONG);
        Thread b = Thread.ofVirtual().start(() -> runHolding(locks, "b", order, done));
        awaitQueued(locks, "agent:main:main", 1);
        Thread c = Thread.ofVirtual().start(() -> runHolding(locks, "c", order, done));
        awaitQueued(locks, "agent:main:main", 2);
        assertThat(order).isEmpty();

        order.add("a");
        first.close();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        b.join();
        c.join();
        assertThat(order).containsExactly("a", "b", "c");
        assertThat(locks.activeKeys()).isZero();
    }

    private static void runHolding(SessionLocks locks, String name, List<String> order, CountDownLatch done) {
        try (SessionLocks.Lease lease = locks.acquire("agent:main:main", LONG)) {
            order.add(lease.key().equals("agent:main:main") ? name : "wrong key");
        } catch (Exception e) {
            order.add("failed " + name);
        } finally {
            done.countDown();
        }
    }

    @Test
    void differentSessionsDoNotWaitForEachOther() throws Exception {
        SessionLocks locks = new SessionLocks();
        try (SessionLocks.Lease a = locks.acquire("agent:main:main", LONG);
                SessionLocks.Lease b = locks.acquire("agent:main:other", Duration.ofMillis(1))) {
            assertThat(locks.activeKeys()).isEqualTo(2);
            assertThat(List.of(a.key(), b.key())).containsExactly("agent:main:main", "agent:main:other");
        }
        assertThat(locks.activeKeys()).isZero();
    }

    @Test
    void timesOutWhenBusyAndLeavesNothingBehind() throws Exception {
        SessionLocks locks = new SessionLocks();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> {
            try (SessionLocks.Lease lease = locks.acquire("k", LONG)) {
                assertThat(lease.key()).isEqualTo("k");
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> locks.acquire("k", Duration.ofMillis(20)))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("session k is busy");
        release.countDown();
        holder.join();
        assertThat(locks.activeKeys()).isZero();
    }

    @Test
    void manyKeysLeaveNoEntries() throws Exception {
        SessionLocks locks = new SessionLocks();
        for (int i = 0; i < 10_000; i++) {
            SessionLocks.Lease lease = locks.acquire("agent:main:openai-user:u" + i, LONG);
            lease.close();
            lease.close(); // closing twice is harmless
        }
        assertThat(locks.activeKeys()).isZero();
    }
}
