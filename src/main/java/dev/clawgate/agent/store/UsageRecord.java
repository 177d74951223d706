package dev.clawgate.agent.store;

import dev.clawgate.wire.Usage;
import java.time.Instant;

/**
 * One model request in the usage ledger.
 *
 * @param modelRef the {@code provider/model} that answered
 * @param usage the tokens it reported (or that were estimated)
 * @param costUsd the priced cost in USD (0 for free local models)
 * @param durationMs wall time of the request
 * @param fellBack whether a fallback answered instead of the primary
 * @param fallbackReason why the earlier candidates failed; null when none did
 * @param createdAt when it was recorded; null on write means "now"
 */
public record UsageRecord(String modelRef, Usage usage, double costUsd, long durationMs, boolean fellBack,
        String fallbackReason, Instant createdAt) {

    public UsageRecord {
        if (modelRef == null || modelRef.isBlank()) {
            throw new IllegalArgumentException("modelRef is required");
        }
        usage = usage == null ? Usage.ZERO : usage;
    }
}
