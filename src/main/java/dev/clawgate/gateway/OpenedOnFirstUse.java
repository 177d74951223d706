package dev.clawgate.gateway;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A store of the state database, opened (connected and migrated) when first used rather than while the gateway
 * starts: a gateway whose database is down at start still serves proxy calls, and each store opens once the
 * database is back. An opening that fails is tried again on the next use. A lock, not {@code synchronized}:
 * opening waits on the network, and virtual threads must not pin their carrier meanwhile.
 */
final class OpenedOnFirstUse<T extends AutoCloseable> implements AutoCloseable {

    private final Supplier<T> opener;
    private final ReentrantLock lock = new ReentrantLock();
    private T store;

    OpenedOnFirstUse(Supplier<T> opener) {
        this.opener = opener;
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
            failure = GatewayState.closeAfter(null, store);
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
