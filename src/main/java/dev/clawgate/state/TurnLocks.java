package dev.clawgate.state;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * One agent turn at a time per session across every instance. A lease-based lock: the holder renews it while
 * its turn runs, so a crashed holder blocks the session no longer than one lease. Each grant carries a fencing
 * token for the session store, which refuses the writes of a holder whose lease ran out once a later holder
 * claimed the session (a GC pause or a partition can outlast a lease; the token is what makes that harmless).
 *
 * <p>Fences are derived from the store's own record, not from the lock service alone: every grant's fence is
 * above {@code storedFence}, the highest fence the session store has accepted for the session. That keeps them
 * increasing across everything the lock service can forget or never saw:
 * <ul>
 *   <li>a Redis restarted without persistence starts its counters at 0 again: the next fence is still above
 *       the stored one, so no session is locked out;
 *   <li>an instance that lost Redis falls back to local locks and takes {@code storedFence + 1}; when Redis is
 *       back its next fence is raised above whatever the local turns stored, so they lock nothing out later.
 * </ul>
 * The store refuses a claim whose fence is not above the stored one, so two local grants with the same fence
 * (two instances without Redis, one session, one moment) cannot both run: the second fails cleanly before it
 * writes. A local grant cannot be ordered against a live Redis holder it cannot see; it claims above it, and
 * that holder's remaining writes are refused whole (its turn fails with a clear error, the transcript stays one
 * holder's at a time). Time-based fences were rejected: they would order holders by the instances' clocks, and
 * one clock running ahead would lock the others out for the skew.
 */
public interface TurnLocks {

    /** A held turn lock; close it exactly once when the turn ends. */
    interface Lease extends AutoCloseable {
        /** Above the stored fence the lease was granted over, and above every earlier grant of the lock service. */
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

        /** {@link #local} with the fence just above the one the store holds: what a lock of one process grants. */
        static Lease localAbove(LongSupplier storedFence) {
            return local(storedFence.getAsLong() + 1);
        }
    }

    /**
     * Waits up to {@code timeout} for the session.
     *
     * @param storedFence reads the highest fence the session store accepted for the session (0 for none); read
     *     before the lease is granted, so a store that cannot be read fails the acquisition with nothing held
     * @throws TimeoutException when another holder kept it longer
     */
    Lease acquire(String sessionKey, Duration timeout, LongSupplier storedFence)
            throws InterruptedException, TimeoutException;
}
