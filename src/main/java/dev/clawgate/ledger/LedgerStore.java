package dev.clawgate.ledger;

import java.time.Instant;
import java.util.List;

/** Where ledger entries are kept. Plain SQL behind it, so any JDBC engine can hold it. */
public interface LedgerStore extends AutoCloseable {

    /** Appends the entries in one transaction. */
    void append(List<LedgerEntry> entries);

    /** Entries at or after {@code since}, oldest first, at most {@code limit}. */
    List<LedgerEntry> since(Instant since, int limit);

    /** One row per destination (provider, host, region) for entries at or after {@code since}, most bytes first. */
    List<DataflowRow> dataflow(Instant since);

    /** Deletes entries before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff);

    @Override
    void close();
}
