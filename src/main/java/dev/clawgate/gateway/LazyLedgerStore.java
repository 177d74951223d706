package dev.clawgate.gateway;

import dev.clawgate.ledger.DataflowRow;
import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.ledger.LedgerStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data-flow ledger's store, opened on first use: a gateway whose state database is down at start serves
 * proxy calls (their ledger entries are reported as not written) and writes the ledger once it is back.
 */
final class LazyLedgerStore implements LedgerStore {

    private final OpenedOnFirstUse<LedgerStore> store;

    LazyLedgerStore(Supplier<LedgerStore> opener) {
        this.store = OpenedOnFirstUse.closing(opener);
    }

    @Override
    public void append(List<LedgerEntry> entries) {
        store.get().append(entries);
    }

    @Override
    public List<LedgerEntry> since(Instant since, int limit) {
        return store.get().since(since, limit);
    }

    @Override
    public List<DataflowRow> dataflow(Instant since) {
        return store.get().dataflow(since);
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return store.get().deleteBefore(cutoff);
    }

    @Override
    public void close() {
        store.close();
    }
}
