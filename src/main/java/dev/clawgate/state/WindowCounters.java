package dev.clawgate.state;

/**
 * Fixed-window counters (rate limits, per-window quotas). In one process they live in memory; when a shared
 * engine is configured every instance adds to the same counter, so a limit holds on the combined traffic.
 */
public interface WindowCounters {

    /**
     * Adds {@code delta} to the counter named {@code key} for the window that starts at {@code windowStartMillis}
     * (epoch milliseconds) and lasts {@code windowMillis}, and returns the counter's new total. A window's counter
     * is forgotten once the window is over.
     */
    long add(String key, long windowStartMillis, long windowMillis, long delta);
}
