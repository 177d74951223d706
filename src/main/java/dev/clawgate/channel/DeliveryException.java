package dev.clawgate.channel;

import java.time.Duration;

/** A channel refused or failed to take a message; {@link #kind()} says whether and how to try again. */
public final class DeliveryException extends Exception {

    public enum Kind {
        /** The channel asks to wait ({@code retry_after}): try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The channel could not parse the formatting: send the same text as plain text. */
        FORMATTING_REJECTED,
        /** Network trouble or a 5xx: try again after a short backoff. */
        TRANSIENT,
        /** Retrying cannot help (blocked by the user, outside WhatsApp's 24-hour window, bad token). */
        PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    public DeliveryException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public DeliveryException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
