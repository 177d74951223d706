package dev.clawgate.gateway;

import dev.clawgate.budget.SpendStore;
import java.math.BigDecimal;
import java.util.function.Supplier;

/** The settled-spend store, opened on first use: a gateway without budgets never touches it. */
final class LazySpendStore implements SpendStore {

    private final OpenedOnFirstUse<SpendStore> store;

    LazySpendStore(Supplier<SpendStore> opener) {
        this.store = OpenedOnFirstUse.closing(opener);
    }

    @Override
    public BigDecimal spent(String scope, String periodKey) {
        return store.get().spent(scope, periodKey);
    }

    @Override
    public void add(String scope, String periodKey, BigDecimal usd) {
        store.get().add(scope, periodKey, usd);
    }

    @Override
    public void close() {
        store.close();
    }
}
