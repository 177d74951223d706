/**
 * The failover router: builds a turn's candidate chain (requested model, then configured fallbacks),
 * skips cooling candidates, opens each through its upstream adapter until one produces a first event (or,
 * for a caller that answers only with the complete response, a complete response), and records every
 * attempt. Owns cooldown state (per provider+model, and per provider for connection
 * failures) and the data-policy filter ({@code privacy}: {@code local-only}, regions), asks {@code budget} before
 * contacting a priced candidate, and reports every upstream contact to the data-flow {@code ledger}.
 *
 * <p>May import {@code wire}, {@code config} (the {@code privacy} setting's type), {@code catalog},
 * {@code upstream}, {@code usage}, {@code budget}, {@code state}, {@code ledger}. Must not import
 * {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.routing;
