package dev.clawgate.agent;

import dev.clawgate.wire.EventStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops one agent turn from another thread: a client that went away, a Stop button, {@code /stop} on a
 * channel. {@link AgentRuntime#abort(String)} reaches the turn running on a session; a caller that started
 * the turn itself can hold this handle instead ({@link TurnRequest#abort()}) and abort it without knowing
 * the session key. One handle belongs to one turn.
 *
 * <p>Aborting closes the model call in flight (its upstream connection is closed, so the server stops
 * generating) or, when no call is streaming, interrupts the turn's thread, which cancels a call still being
 * routed, a tool that blocks, or a wait for the session behind another run. The turn then stops at its next
 * step and stores what it has: the user's message, the steps it completed, and the partial reply as an
 * {@link dev.clawgate.agent.store.EntryKind#ABORTED} entry; {@link TurnResult#aborted()} is true.
 */
public final class TurnAbort {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean aborted;
    private Thread runner; // guarded by lock
    private EventStream call; // guarded by lock

    /** Aborts the turn; false when it was already aborted. Safe from any thread, before or during the turn. */
    public boolean abort() {
        lock.lock();
        try {
            if (aborted) {
                return false;
            }
            aborted = true;
            if (call != null) {
                call.close(); // wakes the turn's read with the end of the stream; the upstream sees EOF
            } else if (runner != null) {
                runner.interrupt(); // routing, a tool or a session wait: all give up on an interrupt
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isAborted() {
        return aborted;
    }

    /** The turn runs on {@code thread} from now until {@link #unbind()}. */
    void bind(Thread thread) {
        lock.lock();
        try {
            runner = thread;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The turn is over: no interrupt can reach its thread any more, and one this abort sent is cleared so
     * that it does not leak into whatever the thread does next.
     */
    void unbind() {
        lock.lock();
        try {
            runner = null;
            call = null;
        } finally {
            lock.unlock();
        }
        if (aborted) {
            Thread.interrupted();
        }
    }

    /**
     * Waits until an {@link #abort()} in progress has finished and clears the interrupt it may have sent,
     * so that storing the aborted turn runs on a thread that is not interrupted.
     */
    void settle() {
        lock.lock();
        lock.unlock();
        Thread.interrupted();
    }

    /** The model call now streaming; closed at once when the turn is already aborted. */
    void track(EventStream stream) {
        lock.lock();
        try {
            if (aborted) {
                stream.close();
                throw new TurnAbortedException();
            }
            call = stream;
        } finally {
            lock.unlock();
        }
    }

    void untrack(EventStream stream) {
        lock.lock();
        try {
            if (call == stream) {
                call = null;
            }
        } finally {
            lock.unlock();
        }
    }

    void throwIfAborted() {
        if (aborted) {
            throw new TurnAbortedException();
        }
    }

    /** Thrown inside the turn when it was aborted; the runtime turns it into an aborted {@link TurnResult}. */
    static final class TurnAbortedException extends RuntimeException {
        TurnAbortedException() {
            super("the turn was aborted", null, false, false);
        }
    }
}
