package dev.clawgate.state;

import java.util.function.Consumer;

/**
 * The live event feed the Control UI and {@code /clawgate/status} read, as JSON text. Each instance delivers
 * its own events locally; with a shared engine it also publishes them, and receives every other instance's.
 */
public interface EventFeed {

    /** Sends one of this instance's events to the other instances. */
    void publish(String json);

    /**
     * Calls {@code events} with each event another instance published.
     *
     * @return unsubscribes
     */
    Runnable subscribe(Consumer<String> events);

    /** False for the in-process feed: nobody else listens, so there is nothing to encode and publish. */
    default boolean reachesOthers() {
        return true;
    }
}
