package dev.clawgate.ledger;

/** Where the router reports upstream contacts. Implementations return at once (the hot path calls it). */
public interface Ledger {

    Ledger NONE = entry -> { };

    void record(LedgerEntry entry);
}
