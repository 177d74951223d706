package dev.clawgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a loopback fake received, in order, for tests to wait on (bounded) and drain. */
public final class Recorded<T> {

    private final BlockingQueue<T> items = new LinkedBlockingQueue<>();

    public void add(T item) {
        items.add(item);
    }

    /** The next item, waiting up to {@code timeout}; null when none came. */
    public T next(Duration timeout) throws InterruptedException {
        return items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything received and not yet taken. */
    public List<T> drain() {
        List<T> out = new ArrayList<>();
        items.drainTo(out);
        return out;
    }
}
