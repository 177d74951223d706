package dev.clawgate.gateway;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A store of the state database, opened (connected and migrated) when first used rather than while the gateway
 * starts: a gateway whose database is down at start still serves proxy calls, and each store opens once the
 * database is back. An opening that fails is tried again on the next use. A lock, not {@code synchronized}:
 * opening waits on the network, and virtual threads must not pin their carrier meanwhile.
 */
final class OpenedOnFirstUse<T> implements AutoCloseable {

    /** How an opened store is closed. */
    interface Closer<T> {
        void close(T store) throws Exception;
    }

    private final Supplier<T> opener;
    private final Closer<T> closer;
    private final ReentrantLock lock = new ReentrantLock();
    private T store;

    /** A store closed with its own {@code close()}. */
    static <T extends AutoCloseable> OpenedOnFirstUse<T> closing(Supplier<T> opener) {
        return new OpenedOnFirstUse<>(opener, AutoCloseable::close);
    }

    OpenedOnFirstUse(Supplier<T> opener, Closer<T> closer) {
        this.opener = opener;
        this.closer = closer;
    }

    T get() {
        lock.lock();
        try {
            if (store == null) {
                store = opener.get();
            }
            return store;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the store if it was opened; a checked failure comes back unchecked. */
    @Override
    public void close() {
        RuntimeException failure;
        lock.lock();
        try {
            T opened = store;
            failure = GatewayState.closeAfter(null, opened == null ? null : () -> closer.close(opened));
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
