package dev.clawgate.state.memory;

import dev.clawgate.state.EventFeed;
import java.util.function.Consumer;

/** {@link EventFeed} of one process: there are no other instances to hear from or tell. */
public final class LocalEventFeed implements EventFeed {

    @Override
    public void publish(String json) {}

    @Override
    public Runnable subscribe(Consumer<String> events) {
        return () -> {};
    }

    @Override
    public boolean reachesOthers() {
        return false;
    }
}
