package dev.clawgate.state;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One agent turn at a time per session across every instance. A lease-based lock: the holder renews it while
 * its turn runs, so a crashed holder blocks the session no longer than one lease. Each grant carries a fencing
 * token larger than every earlier grant's, for stores that refuse writes from a holder whose lease ran out.
 */
public interface TurnLocks {

    /** A held turn lock; close it exactly once when the turn ends. */
    interface Lease extends AutoCloseable {
        /** Larger than the fence of every earlier lease on the same session. */
        long fence();

        @Override
        void close();

        /** A lease with nothing to release: where this process's own session lock is all there is. */
        static Lease local(long fence) {
            return new Lease() {
                @Override
                public long fence() {
                    return fence;
                }

                @Override
                public void close() {}
            };
        }
    }

    /**
     * Waits up to {@code timeout} for the session.
     *
     * @throws TimeoutException when another holder kept it longer
     */
    Lease acquire(String sessionKey, Duration timeout) throws InterruptedException, TimeoutException;
}
