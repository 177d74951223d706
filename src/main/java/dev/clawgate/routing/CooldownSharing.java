package dev.clawgate.routing;

import dev.clawgate.state.SharedCooldowns;
import dev.clawgate.wire.FailureClass;
import java.time.Duration;

/**
 * How a {@link CooldownTracker} reaches the other instances: through a {@link SharedCooldowns} port, or nowhere
 * ({@link #NONE}, one process, where every probe claim succeeds).
 */
final class CooldownSharing {

    static final CooldownSharing NONE = new CooldownSharing(null);

    private final SharedCooldowns shared;

    CooldownSharing(SharedCooldowns shared) {
        this.shared = shared;
    }

    boolean claimProbe(String key, Duration lease) {
        return shared == null || shared.claimProbe(key, lease);
    }

    /** A probe this instance held ended without a verdict; {@code cooldown} is the key's state now, or null. */
    void probeEnded(String key, SharedCooldowns.Cooldown cooldown) {
        if (shared != null) {
            if (cooldown != null) {
                shared.put(key, cooldown);
            }
            shared.releaseProbe(key);
        }
    }

    /** Our probe of {@code key} failed: keep the claim until the new cooldown ends. */
    void probeFailed(String key, Duration until) {
        if (shared != null) {
            shared.holdProbe(key, until);
        }
    }

    void cooled(String key, SharedCooldowns.Cooldown cooldown) {
        if (shared != null) {
            shared.put(key, cooldown);
        }
    }

    void recovered(String key) {
        if (shared != null) {
            shared.remove(key);
            shared.releaseProbe(key);
        }
    }

    /** The class named in a shared record; an unknown name (another version's) reads as UNKNOWN. */
    static FailureClass failureClass(String name) {
        if (name == null) {
            return null;
        }
        try {
            return FailureClass.valueOf(name);
        } catch (IllegalArgumentException e) {
            return FailureClass.UNKNOWN;
        }
    }
}
