package dev.clawgate.state;

/**
 * The state ports one engine implements, as the runtime at the top wires them. Closing it stops the engine's
 * connections and background work.
 */
public record StateEngines(SharedCooldowns cooldowns, WindowCounters windowCounters, ReservationCounters reservations,
        TurnLocks turnLocks, EventFeed events, ClusterView cluster, AutoCloseable closer) implements AutoCloseable {

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the state engine failed: " + e.getMessage(), e);
        }
    }
}
