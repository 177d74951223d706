package dev.clawgate.state;

import java.time.Duration;
import java.util.Map;

/**
 * The cooldowns every instance honours: the router keeps its own copy on the hot path and writes each change
 * through here; other instances' changes come back through {@link Listener}. In one process nothing is shared
 * and every probe claim succeeds.
 */
public interface SharedCooldowns {

    /**
     * One key's cooldown, in epoch milliseconds so that any instance can read it.
     *
     * @param reason the failure class's name
     * @param retryAfterUntilMillis the upstream's own {@code Retry-After} end, or 0 for none
     */
    record Cooldown(String reason, long untilMillis, int failures, long lastFailureMillis, long retryAfterUntilMillis) {}

    /** Changes made by other instances. */
    interface Listener {
        /** @param cooldown the key's new state, or null when it recovered */
        void changed(String key, Cooldown cooldown);

        /** This instance's own cooldowns, pushed to the others when the shared engine returns after an outage. */
        Map<String, Cooldown> local();
    }

    /** Registers the listener for other instances' changes (one per tracker). */
    void listen(Listener listener);

    /** Writes a key's new state through to the other instances. */
    void put(String key, Cooldown cooldown);

    /** The key recovered: other instances forget it too. */
    void remove(String key);

    /**
     * Tries to become the one instance that sends the key's half-open probe, for at most {@code lease}. True when
     * this instance owns it, and whenever nothing is shared (one process, or the shared engine is down).
     */
    boolean claimProbe(String key, Duration lease);

    /**
     * The probe this instance claimed failed and the key cools until {@code forHowLong} from now: keep the claim
     * that long, so an instance that has not yet heard of the new cooldown cannot send a second probe meanwhile.
     */
    void holdProbe(String key, Duration forHowLong);

    /** Gives up a probe this instance claimed. */
    void releaseProbe(String key);

    /** Every shared cooldown now (an instance that starts, or resynchronises after the engine was down). */
    Map<String, Cooldown> all();
}
