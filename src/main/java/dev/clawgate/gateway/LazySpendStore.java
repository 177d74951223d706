package dev.clawgate.gateway;

import dev.clawgate.budget.SpendStore;
import java.math.BigDecimal;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The settled-spend store, opened on first use: a gateway without budgets never touches it, and one whose
 * state database is down at start still serves proxy calls and opens it once the database is back.
 */
final class LazySpendStore implements SpendStore {

    private final Supplier<SpendStore> opener;
    private final ReentrantLock lock = new ReentrantLock();
    private SpendStore store;

    LazySpendStore(Supplier<SpendStore> opener) {
        this.opener = opener;
    }

    private SpendStore store() {
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

    @Override
    public BigDecimal spent(String scope, String periodKey) {
        return store().spent(scope, periodKey);
    }

    @Override
    public void add(String scope, String periodKey, BigDecimal usd) {
        store().add(scope, periodKey, usd);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
