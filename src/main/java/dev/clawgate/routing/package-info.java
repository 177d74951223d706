/**
 * The failover router: builds a turn's candidate chain (requested model, then configured fallbacks),
 * skips cooling candidates, opens each through its upstream adapter until one produces a first event (or,
 * for a caller that answers only with the complete response, a complete response), and records every
 * attempt. Owns cooldown state (per provider+model, and per provider for connection
 * failures) and the privacy filter ({@code local-only}), and asks {@code budget} before contacting a priced
 * candidate.
 *
 * <p>May import {@code wire}, {@code catalog}, {@code upstream}, {@code usage}, {@code budget}. Must not import
 * {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.routing;
