package dev.clawgate.wire;

import java.time.Duration;

/**
 * A classified failure of one upstream call. The message is the upstream's own (trimmed) or a
 * description of the transport failure, never a secret, and is fit to show a user.
 */
public final class UpstreamException extends RuntimeException {

    private final FailureClass failure;
    private final int status;
    private final Duration retryAfter;

    public UpstreamException(FailureClass failure, int status, String message, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public UpstreamException(FailureClass failure, String message) {
        this(failure, 0, message, null, null);
    }

    public FailureClass failure() {
        return failure;
    }

    /** The upstream's HTTP status, or 0 when the failure happened below HTTP. */
    public int status() {
        return status;
    }

    /** The upstream's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
