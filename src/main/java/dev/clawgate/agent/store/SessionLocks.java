package dev.clawgate.agent.store;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run at a time per session: a second run on the same key waits behind the first, and waiters are
 * served in arrival order (fair locks). Different sessions never wait for each other.
 *
 * <p>A key's lock exists only while someone holds or waits for it: a reference count taken and dropped
 * inside {@link ConcurrentHashMap#compute} decides when the entry is removed, so a gateway that sees
 * millions of session keys keeps no memory for idle ones. {@link ReentrantLock} rather than
 * {@code synchronized} so waiting virtual threads do not pin their carriers.
 */
public final class SessionLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users; // guarded by the map's compute on this key
    }

    /**
     * A held session lock; closing it releases the lock exactly once. Close it on the thread that acquired
     * it (try-with-resources around the run), as {@link ReentrantLock} requires.
     */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final Entry entry;
        private boolean released;

        private Lease(String key, Entry entry) {
            this.key = key;
            this.entry = entry;
        }

        public String key() {
            return key;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            entry.lock.unlock();
            leave(key);
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Waits up to {@code timeout} for the session's lock.
     *
     * @throws TimeoutException when another run kept the session for longer
     */
    public Lease acquire(String key, Duration timeout) throws InterruptedException, TimeoutException {
        Entry entry = enter(key);
        boolean acquired = false;
        try {
            acquired = entry.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!acquired) {
                leave(key);
            }
        }
        if (!acquired) {
            throw new TimeoutException("session " + key + " is busy (waited " + timeout.toMillis() + " ms)");
        }
        return new Lease(key, entry);
    }

    /** Keys currently held or waited for; an idle store has none. */
    public int activeKeys() {
        return entries.size();
    }

    /** How many runs wait for the session (not counting the one holding it). */
    public int queuedOn(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : entry.lock.getQueueLength();
    }

    private Entry enter(String key) {
        return entries.compute(key, (k, existing) -> {
            Entry e = existing != null ? existing : new Entry();
            e.users++;
            return e;
        });
    }

    private void leave(String key) {
        entries.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
    }
}
