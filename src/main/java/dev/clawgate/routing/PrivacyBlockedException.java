package dev.clawgate.routing;

import java.util.List;

/**
 * A {@code local-only} call whose chain holds no local model. Nothing was contacted. A configuration
 * problem, not an upstream failure, so it is its own type (the gateway answers it as a client error).
 */
public final class PrivacyBlockedException extends RuntimeException {

    private final List<Attempt> attempts;

    public PrivacyBlockedException(String message, List<Attempt> attempts) {
        super(message);
        this.attempts = List.copyOf(attempts);
    }

    /** One skipped attempt per hosted candidate that was removed. */
    public List<Attempt> attempts() {
        return attempts;
    }
}
