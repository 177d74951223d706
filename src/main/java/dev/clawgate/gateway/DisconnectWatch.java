package dev.clawgate.gateway;

import dev.clawgate.routing.CoarseTimer;
import io.helidon.webserver.ConnectionContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Notices a client that hangs up while its model call is in flight, and cancels the call: the upstream
 * request is closed and the handler's thread interrupted, so the call's slot under
 * {@code gateway.limits.maxConcurrentCalls} is free again at once instead of when the upstream finishes
 * (up to the call's 10-minute deadline) or the next write fails.
 *
 * <p>How: a virtual thread reads the client's connection while the handler waits. It is started by the
 * shared {@link CoarseTimer} only once the call has lasted {@code after}, so a short call starts no thread
 * and wakes nobody (the timer is a set insertion and removal). A client that closed
 * it makes the read end at once; bytes (a pipelined request) end the watch without a verdict. Helidon
 * itself reads a connection only between requests, so a watched connection must not serve another
 * request: the response then carries {@code Connection: close}. To keep short calls on their keep-alive
 * connection, the watch begins only after {@code after} (half a second; a client that leaves sooner is
 * noticed then), and never once the response head went out without that header: a stream that started
 * quickly is watched by its own writes instead ({@link StreamRelay}'s events and keep-alives), since ending
 * its connection afterwards would race a client that reuses it at once.
 *
 * <p>A client that half-closes its side after sending the request (rare; no SDK does) reads as gone.
 */
final class DisconnectWatch {

    static final Duration DEFAULT_AFTER = Duration.ofMillis(500);

    /** COMMITTED: the response head went out before the watch began; it will not begin any more. */
    private enum State { WAITING, WATCHING, GONE, COMMITTED, STOPPED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Thread handler;
    private State state = State.WAITING; // guarded by lock
    private Runnable cancel; // guarded by lock
    private boolean closeAnnounced; // guarded by lock
    private CoarseTimer.Timeout begin; // set once, by the handler thread, before it may be cancelled

    private DisconnectWatch(Thread handler) {
        this.handler = handler;
    }

    /** Starts watching {@code connection} for the calling (handler) thread; a no-op watch when absent. */
    static DisconnectWatch start(Optional<ConnectionContext> connection, Duration after) {
        DisconnectWatch watch = new DisconnectWatch(Thread.currentThread());
        connection.ifPresent(ctx -> watch.begin = CoarseTimer.SHARED.schedule(after,
                () -> Thread.ofVirtual().name("clawgate-disconnect-watch").start(() -> watch.run(ctx))));
        return watch;
    }

    private void run(ConnectionContext ctx) {
        lock.lock();
        try {
            if (state != State.WAITING) {
                return;
            }
            state = State.WATCHING;
        } finally {
            lock.unlock();
        }
        try {
            // Bytes read here stay in Helidon's buffer; the connection is closed after this request anyway.
            ctx.dataReader().pullData();
        } catch (RuntimeException gone) { // end of stream or a broken connection: the client is not there
            clientGone();
        }
    }

    private void clientGone() {
        lock.lock();
        try {
            if (state != State.WATCHING) {
                return; // the call had ended: this is the connection closing after it
            }
            state = State.GONE;
            if (cancel != null) {
                cancelQuietly(cancel);
            }
            handler.interrupt(); // wakes the router (and any wait) in the handler's thread
        } finally {
            lock.unlock();
        }
    }

    /** What cancels the call's upstream when the client goes; run at once if it already went. */
    void cancels(Runnable action) {
        lock.lock();
        try {
            cancel = action;
            if (state == State.GONE) {
                cancelQuietly(action);
            }
        } finally {
            lock.unlock();
        }
    }

    /** True once the client was seen to hang up. */
    boolean clientLeft() {
        lock.lock();
        try {
            return state == State.GONE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called just before the response head is committed: true when it must say {@code Connection: close}
     * because the watch is reading the connection. A watch that has not begun will not begin any more.
     */
    boolean announceClose() {
        lock.lock();
        try {
            closeAnnounced = state == State.WATCHING || state == State.GONE;
            if (state == State.WAITING) {
                state = State.COMMITTED;
            }
            return closeAnnounced;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the watch; call on the handler's thread when the call is over.
     *
     * @return true when the watch read the connection and no response announced its close (the client left
     *     before one was sent): the handler must then end the connection itself, since Helidon would
     *     otherwise read the next request from it
     */
    boolean stop() {
        if (begin != null) {
            begin.cancel(); // the call ended first: nothing to watch, and the connection stays reusable
        }
        lock.lock();
        try {
            State was = state;
            state = State.STOPPED;
            if (was == State.GONE) {
                Thread.interrupted(); // the interrupt was for the call, not for what the thread does next
            }
            return (was == State.WATCHING || was == State.GONE) && !closeAnnounced;
        } finally {
            lock.unlock();
        }
    }

    private static void cancelQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // cancelling is best effort; the client is gone either way
        }
    }
}
