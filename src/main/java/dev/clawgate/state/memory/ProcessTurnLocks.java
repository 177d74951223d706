package dev.clawgate.state.memory;

import dev.clawgate.state.TurnLocks;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@link TurnLocks} of one process: the agent runtime's own per-session lock already serialises turns here, so
 * this grants at once. Its fence is one above the stored fence, read under that lock: increasing across restarts
 * (no in-memory counter to lose) and above whatever a Redis holder stored before Redis was configured away.
 */
public final class ProcessTurnLocks implements TurnLocks {

    @Override
    public Lease acquire(String sessionKey, Duration timeout, LongSupplier storedFence) {
        return Lease.localAbove(storedFence);
    }
}
