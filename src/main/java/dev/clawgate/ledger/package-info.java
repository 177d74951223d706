/**
 * The data-flow ledger: one {@link dev.clawgate.ledger.LedgerEntry} per upstream contact (model calls and
 * embeddings; readiness and load probes are not recorded: they carry no conversation), written off the hot
 * path by {@link dev.clawgate.ledger.LedgerWriter} into a {@link dev.clawgate.ledger.LedgerStore} with
 * bounded retention ({@code state.ledgerDays}), and summarised per destination for {@code clawgate dataflow}
 * and {@code /clawgate/api/dataflow} ({@link dev.clawgate.ledger.Dataflow}).
 *
 * <p>May import {@code state} (the SQLite opener). Must not import {@code routing}, {@code upstream},
 * {@code gateway}, {@code agent} or {@code cli}: routing records into it, the top wires and reads it.
 */
package dev.clawgate.ledger;
