package dev.clawgate.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Ledger} the gateway runs: {@link #record} only enqueues (a bounded queue; the call that made the
 * contact never waits on the disk), and one writer thread appends in batches. Entries older than the retention
 * are deleted when it starts and hourly after. {@link #close} writes everything still queued before it returns,
 * so a graceful stop loses nothing; a queue full under a disk that cannot keep up drops entries, counted and
 * logged, rather than slowing requests.
 */
public final class LedgerWriter implements Ledger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    static final int CAPACITY = 16_384;
    private static final int BATCH = 512;
    /**
     * How long the writer lets entries gather after the first before it writes: a durable commit per request
     * would cost an fsync and a thread wake-up each (measured: twice the gateway's CPU per request at c=1).
     */
    private static final long LINGER_MILLIS = 100;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final LedgerStore store;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<LedgerEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<Consumer<LedgerEntry>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private final Thread writer;
    private long written;
    /** Entries not written since the store last failed (0 while it works); the writer thread's alone. */
    private long unwritten;
    private Instant lastPurge = Instant.MIN;
    private volatile boolean closing;

    /** @param retention how long entries are kept ({@code state.ledgerDays}) */
    public LedgerWriter(LedgerStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.writer = Thread.ofPlatform().daemon().name("clawgate-ledger-writer").start(this::run);
    }

    /** Called for every recorded entry, on the recording thread (metrics counters). */
    public void addListener(Consumer<LedgerEntry> listener) {
        listeners.add(listener);
    }

    @Override
    public void record(LedgerEntry entry) {
        for (Consumer<LedgerEntry> l : listeners) {
            try {
                l.accept(entry);
            } catch (RuntimeException e) {
                LOG.warn("ledger listener failed: {}", e.toString());
            }
        }
        if (closing || !queue.offer(entry)) {
            if (dropped.getAndIncrement() % 1000 == 0) {
                LOG.warn("data-flow ledger: {} entries dropped ({})", dropped.get(),
                        closing ? "recorded after shutdown began" : "the writer cannot keep up with the disk");
            }
            return;
        }
        enqueued.incrementAndGet();
    }

    /** Entries not recorded because the queue was full or the writer closed. */
    public long dropped() {
        return dropped.get();
    }

    /** The store it writes to (the data-flow report reads it). */
    public LedgerStore store() {
        return store;
    }

    /** Waits until everything recorded so far is in the store, at most {@code timeout}; true when it is. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = enqueued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !writer.isAlive()) {
                    return written >= target;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    private void run() {
        List<LedgerEntry> batch = new ArrayList<>(BATCH);
        purgeIfDue();
        while (!closing || !queue.isEmpty()) {
            try {
                LedgerEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    purgeIfDue();
                    continue;
                }
                batch.add(first);
                if (!closing && queue.size() < BATCH - 1) {
                    Thread.sleep(LINGER_MILLIS); // sleeping, not waiting on the queue: offers wake nobody
                }
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                // close() interrupts only after it stopped accepting; the loop drains what is left
                closing = true;
            }
        }
        if (!batch.isEmpty()) { // taken before an interrupt, not written yet
            write(batch);
        }
    }

    private void write(List<LedgerEntry> batch) {
        try {
            store.append(batch);
            if (unwritten > 0) {
                LOG.info("data-flow ledger: writing again; {} not written while it failed", entries(unwritten));
                unwritten = 0;
            }
        } catch (RuntimeException e) {
            // one line per outage, not one per batch: a database that is down would otherwise log ten lines a second
            if (unwritten == 0) {
                LOG.warn("data-flow ledger: {} not written: {} (counted, not logged, until a write succeeds)",
                        entries(batch.size()), reason(e));
            } else {
                LOG.debug("data-flow ledger: {} not written: {}", entries(batch.size()), reason(e));
            }
            unwritten += batch.size();
        }
        synchronized (progress) {
            written += batch.size();
            progress.notifyAll();
        }
        batch.clear();
    }

    private static String entries(long n) {
        return n == 1 ? "1 entry" : n + " entries";
    }

    /** The failure's message without the store's own "data-flow ledger: " prefix, which the log line has. */
    private static String reason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("data-flow ledger: ") ? message.substring("data-flow ledger: ".length()) : message;
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (lastPurge.plus(PURGE_EVERY).isAfter(now)) {
            return;
        }
        lastPurge = now;
        try {
            int gone = store.deleteBefore(now.minus(retention));
            if (gone > 0) {
                LOG.info("data-flow ledger: {} entries older than {} days deleted", gone, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("data-flow ledger: retention cleanup failed: {}", e.getMessage());
        }
    }

    /** Stops accepting, writes what is queued, closes the store. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
