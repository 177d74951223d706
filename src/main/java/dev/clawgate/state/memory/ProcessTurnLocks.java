package dev.clawgate.state.memory;

import dev.clawgate.state.TurnLocks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link TurnLocks} of one process: the agent runtime's own per-session lock already serialises turns here, so
 * this grants at once and only hands out increasing fences.
 */
public final class ProcessTurnLocks implements TurnLocks {

    private final AtomicLong fences = new AtomicLong();

    @Override
    public Lease acquire(String sessionKey, Duration timeout) {
        return Lease.local(fences.incrementAndGet());
    }
}
