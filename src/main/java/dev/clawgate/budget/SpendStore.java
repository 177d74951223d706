package dev.clawgate.budget;

import java.math.BigDecimal;

/**
 * Settled spend per budget scope and period, durable across restarts. Reservations are never stored:
 * they are only promises in memory, so a crash cannot leave money reserved.
 */
public interface SpendStore extends AutoCloseable {

    /** What {@code scope} has settled in {@code periodKey} ({@code daily:2026-12-03}), zero when nothing. */
    BigDecimal spent(String scope, String periodKey);

    /** Adds settled spend; durable when this returns. */
    void add(String scope, String periodKey, BigDecimal usd);

    @Override
    default void close() {}

    /** A store that forgets on restart: tests, and a gateway without a state directory. */
    static SpendStore inMemory() {
        java.util.Map<String, BigDecimal> spent = new java.util.concurrent.ConcurrentHashMap<>();
        return new SpendStore() {
            @Override
            public BigDecimal spent(String scope, String periodKey) {
                return spent.getOrDefault(scope + "\n" + periodKey, BigDecimal.ZERO);
            }

            @Override
            public void add(String scope, String periodKey, BigDecimal usd) {
                spent.merge(scope + "\n" + periodKey, usd, BigDecimal::add);
            }
        };
    }
}
