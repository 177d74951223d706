package dev.clawgate.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every candidate of a chain failed or was skipped. The message lists each attempt. */
public class AllCandidatesFailedException extends RuntimeException {

    private final List<Attempt> attempts;
    private final Duration retryAfter;

    public AllCandidatesFailedException(List<Attempt> attempts) {
        this(attempts, null);
    }

    /** @param retryAfter when a retry could be served again (for the client's {@code Retry-After}), or null */
    public AllCandidatesFailedException(List<Attempt> attempts, Duration retryAfter) {
        super("All models failed (" + attempts.size() + "): "
                + attempts.stream().map(Attempt::summary).collect(Collectors.joining(" | ")));
        this.attempts = List.copyOf(attempts);
        this.retryAfter = retryAfter;
    }

    /** For a subclass that says more precisely why nothing answered. */
    protected AllCandidatesFailedException(String message, List<Attempt> attempts, Duration retryAfter) {
        super(message);
        this.attempts = List.copyOf(attempts);
        this.retryAfter = retryAfter;
    }

    /**
     * How long a client should wait before retrying: the upstream's own {@code Retry-After} when every
     * candidate answered 429 with one, otherwise the time until the soonest cooldown of the chain ends.
     * Empty when some candidate is not cooling (a retry may be served at once).
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public List<Attempt> attempts() {
        return attempts;
    }
}
