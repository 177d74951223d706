package dev.clawgate.state.memory;

import dev.clawgate.state.SharedCooldowns;
import java.time.Duration;
import java.util.Map;

/** {@link SharedCooldowns} of one process: the router's own copy is the only one, so nothing is written anywhere. */
public final class ProcessCooldowns implements SharedCooldowns {

    @Override
    public void listen(Listener listener) {}

    @Override
    public void put(String key, Cooldown cooldown) {}

    @Override
    public void remove(String key) {}

    @Override
    public boolean claimProbe(String key, Duration lease) {
        return true; // the router's own probe bookkeeping already lets one request through
    }

    @Override
    public void holdProbe(String key, Duration forHowLong) {}

    @Override
    public void releaseProbe(String key) {}

    @Override
    public Map<String, Cooldown> all() {
        return Map.of();
    }
}
