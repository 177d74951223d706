package dev.clawgate.wire;

/**
 * Why a model call failed. The class decides what the router does next: move on to the next
 * candidate, cool the model or provider down, or answer the client.
 */
public enum FailureClass {
    CONNECTION_REFUSED(true, Scope.PROVIDER),
    CONNECTION_RESET(true, Scope.PROVIDER),
    DNS(true, Scope.PROVIDER),
    TLS(true, Scope.PROVIDER),
    FIRST_BYTE_TIMEOUT(true, Scope.MODEL),
    IDLE_TIMEOUT(true, Scope.MODEL),
    DEADLINE(true, Scope.MODEL),
    RATE_LIMIT(true, Scope.MODEL),
    OVERLOADED(true, Scope.MODEL),
    AUTH(true, Scope.PROVIDER),
    AUTH_PERMANENT(true, Scope.PROVIDER),
    BILLING(true, Scope.PROVIDER),
    MODEL_NOT_FOUND(true, Scope.MODEL),
    SERVER_ERROR(true, Scope.MODEL),
    /** The upstream answered with something that is not its protocol: an HTML page, garbage, bad JSON. */
    MALFORMED_RESPONSE(true, Scope.MODEL),
    /** The stream broke off (connection dropped, truncated frame) after it had started. */
    STREAM_INTERRUPTED(true, Scope.MODEL),
    /** The request does not fit the model's context window. Handled by compaction, not by failover. */
    CONTEXT_OVERFLOW(false, Scope.NONE),
    /** The upstream rejected the request as malformed; another model would reject it too. */
    BAD_REQUEST(false, Scope.NONE),
    /** Clawgate's own client went away; nobody is waiting for an answer. */
    CLIENT_CANCELLED(false, Scope.NONE),
    UNKNOWN(true, Scope.MODEL);

    /** What a failure of this class says is broken. */
    public enum Scope { PROVIDER, MODEL, NONE }

    private final boolean advancesFallback;
    private final Scope scope;

    FailureClass(boolean advancesFallback, Scope scope) {
        this.advancesFallback = advancesFallback;
        this.scope = scope;
    }

    /** True when trying the next candidate model may succeed where this one failed. */
    public boolean advancesFallback() {
        return advancesFallback;
    }

    public Scope scope() {
        return scope;
    }

    /** Lower-case, dash-separated name for logs, headers and metrics ({@code connection-refused}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
