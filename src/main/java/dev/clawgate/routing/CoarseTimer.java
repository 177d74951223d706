package dev.clawgate.routing;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Safety timeouts that almost never fire, at the cost of a set insertion and removal per call: no thread
 * started, no scheduler woken. One sweeper thread wakes every {@code tick} while timers are armed (it stops
 * after a second with none) and runs the actions of those past due. So a timeout fires up to one tick late,
 * which suits guards measured in seconds (a hung adapter, the moment a disconnect watch begins).
 *
 * <p>A {@link java.util.concurrent.ScheduledExecutorService} would wake its thread whenever a new task
 * became the earliest, which at one call at a time is every call: a context switch per request for a timer
 * that is cancelled before it fires.
 */
public final class CoarseTimer {

    /** The process-wide timer, ticking every 50 ms. */
    public static final CoarseTimer SHARED = new CoarseTimer(Duration.ofMillis(50));

    private static final int ARMED = 0;
    private static final int CANCELLED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    /** An armed timeout. */
    public static final class Timeout {
        private final long dueNanos;
        private final Runnable action;
        private final AtomicInteger state = new AtomicInteger(ARMED);
        private final CoarseTimer timer;

        private Timeout(CoarseTimer timer, long dueNanos, Runnable action) {
            this.timer = timer;
            this.dueNanos = dueNanos;
            this.action = action;
        }

        /**
         * Disarms it. True when the action will never run; false when it ran or is running, in which case this
         * returns only after it has finished (so its effects, such as an interrupt, are visible).
         */
        public boolean cancel() {
            timer.armed.remove(this);
            if (state.compareAndSet(ARMED, CANCELLED)) {
                return true;
            }
            for (int i = 0; i < 10_000 && state.get() == FIRING; i++) {
                Thread.onSpinWait(); // an action is short: a close and an interrupt
                if (i > 100) {
                    Thread.yield();
                }
            }
            return state.get() == CANCELLED;
        }

        private void fire() {
            if (state.compareAndSet(ARMED, FIRING)) {
                try {
                    action.run();
                } catch (RuntimeException ignored) {
                    // a guard's action is best effort
                } finally {
                    state.set(FIRED);
                }
            }
        }
    }

    private final long tickMillis;
    private final Set<Timeout> armed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public CoarseTimer(Duration tick) {
        this.tickMillis = Math.max(1, tick.toMillis());
    }

    /** Runs {@code action} (on the sweeper thread, so keep it short) once {@code after} has passed. */
    public Timeout schedule(Duration after, Runnable action) {
        long nanos;
        try {
            nanos = after.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 4;
        }
        Timeout t = new Timeout(this, System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4), action);
        armed.add(t);
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("clawgate-coarse-timer").start(this::sweep);
        }
        return t;
    }

    private void sweep() {
        int idleTicks = 0;
        long idleLimit = Math.max(1, 1000 / tickMillis);
        while (true) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                sweeping.set(false);
                return;
            }
            if (armed.isEmpty()) {
                if (++idleTicks >= idleLimit) {
                    sweeping.set(false);
                    if (armed.isEmpty() || !sweeping.compareAndSet(false, true)) {
                        return; // a timer armed from now on starts a new sweeper
                    }
                    idleTicks = 0;
                }
                continue;
            }
            idleTicks = 0;
            long now = System.nanoTime();
            for (Timeout t : armed) {
                if (now - t.dueNanos >= 0) {
                    armed.remove(t);
                    t.fire();
                }
            }
        }
    }
}
