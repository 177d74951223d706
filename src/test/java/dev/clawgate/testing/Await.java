package dev.clawgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, bounded: for state another thread or process changes (no fixed sleeps). */
public final class Await {

    private Await() {}

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code max}. */
    public static void until(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(5); // re-check cadence, not a synchronisation delay: the condition decides
        }
    }
}
