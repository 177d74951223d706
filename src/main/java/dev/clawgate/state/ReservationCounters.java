package dev.clawgate.state;

import java.time.Duration;
import java.util.List;

/**
 * Money held for calls in flight against spending limits, in micro-dollars. Reserving checks and holds every
 * limit at once, atomically, so concurrent calls (on one instance or many) never together pass a limit by more
 * than what their real costs exceed their holds. A hold expires after its lease, so an instance that crashed
 * mid-call never leaves money reserved for ever.
 */
public interface ReservationCounters {

    /**
     * One limit to hold against.
     *
     * @param key the budget and period ({@code gateway\nday:2026-01-01})
     * @param settledMicros what the caller's own spend store says is settled in the period
     */
    record Hold(String key, long limitMicros, long settledMicros) {}

    /**
     * What {@link #reserve} decided.
     *
     * @param refusedIndex the index of the first hold that did not fit, or -1 when granted
     * @param heldMicros that hold's reservations before this one (0 when granted)
     * @param settledMicros that hold's settled spend, the larger of the caller's and the engine's
     */
    record Outcome(int refusedIndex, long heldMicros, long settledMicros) {
        public boolean granted() {
            return refusedIndex < 0;
        }
    }

    /** The engine of one process (holds in memory), for callers that share nothing. */
    static ReservationCounters inProcess(java.time.Clock clock) {
        return new dev.clawgate.state.memory.InMemoryReservationCounters(clock);
    }

    /** Holds {@code amountMicros} under {@code id} against every hold, or none of them when one does not fit. */
    Outcome reserve(String id, List<Hold> holds, long amountMicros, Duration lease);

    /** Ends reservation {@code id} on {@code keys}, adding {@code costMicros} (may be 0) to their settled spend. */
    void finish(String id, List<String> keys, long costMicros);

    /** What is held on {@code key} now. */
    long held(String key);

    /** What the engine has seen settled on {@code key} (0 where the caller's spend store is the only record). */
    long settled(String key);
}
