package dev.clawgate.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed auth attempts per client address in a sliding one-minute window. Once an address reaches
 * the limit, every failing attempt from it is answered 429 until its oldest failure leaves the window, so
 * that a guesser gets no signal from the answer; a valid token is never refused ({@link TokenAuthenticator}).
 */
final class AuthFailureLimiter {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();
    /** Addresses tracked at most; beyond that the table is cleared rather than grown (memory bound). */
    private static final int MAX_ADDRESSES = 10_000;

    private volatile int maxFailures;
    private final LongSupplier clock;
    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    AuthFailureLimiter(int maxFailures, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.clock = nanoClock;
    }

    void maxFailures(int max) {
        this.maxFailures = max;
    }

    /** How long {@code address} must wait, or null when it may try. */
    Duration blockedFor(String address) {
        ArrayDeque<Long> q = failures.get(address);
        if (q == null) {
            return null;
        }
        synchronized (q) { // held only for a few arithmetic operations, never across I/O
            long now = clock.getAsLong();
            prune(q, now);
            if (q.size() < maxFailures) {
                return null;
            }
            long waitNanos = q.peekFirst() + WINDOW_NANOS - now;
            return Duration.ofNanos(Math.max(waitNanos, 1));
        }
    }

    void recordFailure(String address) {
        if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
            failures.clear();
        }
        ArrayDeque<Long> q = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (q) {
            long now = clock.getAsLong();
            prune(q, now);
            q.addLast(now);
        }
    }

    private static void prune(ArrayDeque<Long> q, long now) {
        while (!q.isEmpty() && now - q.peekFirst() >= WINDOW_NANOS) {
            q.removeFirst();
        }
    }
}
