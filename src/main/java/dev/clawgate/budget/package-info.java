/**
 * Spending budgets in USD, enforced before anything is sent: the worst-case cost of a call to a priced
 * model is reserved against every budget that applies (the gateway's, the agent's and the client key's), a call whose
 * reservation does not fit is not made, and a reservation is settled to the real cost when the call ends
 * or released when it fails. Owns the periods (calendar days and months), the spend store (settled spend
 * is durable; reservations live in memory only, so a crash never leaves money reserved) and the 80 % warning.
 * What each call used and cost is in the data-flow ledger ({@code clawgate usage --by} reads it there).
 *
 * <p>May import {@code wire}, {@code catalog}, {@code usage}, {@code config} and {@code state}. Must not import
 * {@code routing}, {@code upstream}, {@code agent}, {@code gateway} or {@code cli}: the router asks this
 * package, never the other way round.
 */
package dev.clawgate.budget;
