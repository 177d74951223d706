package dev.clawgate.state.memory;

import dev.clawgate.state.WindowCounters;
import java.util.concurrent.ConcurrentHashMap;

/** {@link WindowCounters} of one process: each key keeps only its current window. */
public final class InMemoryWindowCounters implements WindowCounters {

    private record Window(long start, long count) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public long add(String key, long windowStartMillis, long windowMillis, long delta) {
        Window updated = windows.compute(key, (k, current) -> current == null || current.start() != windowStartMillis
                ? new Window(windowStartMillis, delta) : new Window(windowStartMillis, current.count() + delta));
        return updated.count();
    }
}
