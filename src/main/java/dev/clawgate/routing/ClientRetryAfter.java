package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.FailureClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a client's {@code Retry-After} should say when a whole chain failed, so that SDK retries (the OpenAI
 * SDK retries twice by default, honouring the header) wait instead of hammering: the upstreams' own value
 * when every candidate contacted answered 429 with one, otherwise when the soonest cooldown of the chain
 * ends, as long as every candidate that could serve is cooling (else a retry may be served at once).
 * Collects the 429s of one walk; not thread-safe, like the walk.
 */
final class ClientRetryAfter {

    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private Duration shortestUpstream;
    private boolean onlyRateLimited = true;

    /** One contacted candidate failed with {@code failure}, asking for {@code retryAfter} (or null). */
    void note(FailureClass failure, Duration retryAfter) {
        if (failure != FailureClass.RATE_LIMIT || retryAfter == null || retryAfter.isNegative()) {
            onlyRateLimited = false;
            return;
        }
        if (shortestUpstream == null || retryAfter.compareTo(shortestUpstream) < 0) {
            shortestUpstream = retryAfter;
        }
    }

    /**
     * @param servable whether a candidate could ever serve this call (privacy, credentials)
     * @return the wait, at least a second; null when a retry may be served at once
     */
    Duration advise(List<ModelSpec> chain, Predicate<ModelSpec> servable, CooldownTracker cooldowns, Instant now) {
        if (shortestUpstream != null && onlyRateLimited) {
            return atLeastASecond(shortestUpstream);
        }
        Instant soonest = null;
        for (ModelSpec model : chain) {
            if (!servable.test(model)) {
                continue; // never served, whatever the wait
            }
            Optional<Instant> recovery = cooldowns.recoveryAt(model);
            if (recovery.isEmpty()) {
                return null;
            }
            if (soonest == null || recovery.get().isBefore(soonest)) {
                soonest = recovery.get();
            }
        }
        return soonest == null ? null : atLeastASecond(Duration.between(now, soonest));
    }

    private static Duration atLeastASecond(Duration d) {
        return d.compareTo(AT_LEAST) < 0 ? AT_LEAST : d;
    }
}
