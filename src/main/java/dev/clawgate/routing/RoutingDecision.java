package dev.clawgate.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one {@link FailoverRouter#open} call decided, for observers such as the Control UI's live feed.
 *
 * @param at when the call started
 * @param requested the model the caller asked for (alias, ref or chain name)
 * @param served the {@code provider/model} that answered, or null when none did
 * @param attempts every candidate tried or skipped, in order
 * @param took from the call's start until the serving model's first event (or the final failure)
 * @param error the failure's message when nothing served; null otherwise
 * @param keyId the client key ({@code gateway.auth.keys[].id}) the call was made with, or null
 */
public record RoutingDecision(Instant at, String requested, String served, List<Attempt> attempts, Duration took,
        String error, String agentId, String keyId) {

    public RoutingDecision {
        attempts = List.copyOf(attempts);
    }

    public RoutingDecision(Instant at, String requested, String served, List<Attempt> attempts, Duration took,
            String error, String agentId) {
        this(at, requested, served, attempts, took, error, agentId, null);
    }

    /** A decision for a call no agent made (a direct {@code /v1} request). */
    public RoutingDecision(Instant at, String requested, String served, List<Attempt> attempts, Duration took,
            String error) {
        this(at, requested, served, attempts, took, error, null);
    }

    /** True when a model other than the chain's first candidate answered. */
    public boolean fellBack() {
        return served != null && !attempts.isEmpty() && !attempts.get(0).modelRef().equals(served);
    }

    /** The first failure's class label ({@code connection-refused}, {@code rate-limit}, ...), or null. */
    public String fallbackReason() {
        for (Attempt a : attempts) {
            if (!a.succeeded()) {
                return a.failure() != null ? a.failure().label() : "skipped";
            }
        }
        return null;
    }
}
