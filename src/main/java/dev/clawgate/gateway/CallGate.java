package dev.clawgate.gateway;

import dev.clawgate.wire.EventStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits model calls: at most {@code maxConcurrentCalls} at once, none once draining began. Tracks the
 * upstream streams in flight so that a graceful stop can wait for them and close the stragglers.
 */
final class CallGate {

    enum Admission { ADMITTED, AT_LIMIT, DRAINING }

    private volatile int maxCalls;
    private final ResizableSemaphore permits;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private volatile boolean draining;
    private int inFlight;

    CallGate(int maxCalls) {
        this.maxCalls = maxCalls;
        this.permits = new ResizableSemaphore(maxCalls);
    }

    /** A reloaded {@code maxConcurrentCalls}: calls in flight continue; new ones see the new limit. */
    synchronized void resize(int newMax) {
        int delta = newMax - maxCalls;
        if (delta > 0) {
            permits.release(delta);
        } else if (delta < 0) {
            permits.reduce(-delta);
        }
        maxCalls = newMax;
    }

    private static final class ResizableSemaphore extends Semaphore {
        ResizableSemaphore(int permits) {
            super(permits);
        }

        void reduce(int n) {
            reducePermits(n);
        }
    }

    int maxCalls() {
        return maxCalls;
    }

    Admission enter() {
        if (draining) {
            return Admission.DRAINING;
        }
        if (!permits.tryAcquire()) {
            return Admission.AT_LIMIT;
        }
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        return Admission.ADMITTED;
    }

    void leave() {
        permits.release();
        lock.lock();
        try {
            inFlight--;
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void track(EventStream s) {
        open.add(s);
    }

    void untrack(EventStream s) {
        open.remove(s);
    }

    /** Refuses new calls from now on. */
    void startDraining() {
        draining = true;
    }

    /** True once {@link #startDraining()} ran: new calls are refused. */
    boolean draining() {
        return draining;
    }

    /** Waits until no call is in flight or {@code grace} has passed; true when idle. */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        long remaining = grace.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return inFlight == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every upstream still open (their handlers then end with the API's error event). */
    void closeAll() {
        for (EventStream s : open) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing is best effort on shutdown
            }
        }
    }

    boolean awaitIdleQuietly(Duration d) {
        try {
            return awaitIdle(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
