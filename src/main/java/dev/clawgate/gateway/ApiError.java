package dev.clawgate.gateway;

/**
 * An error to answer in the inbound API's own shape.
 *
 * @param status HTTP status (also used for the kind of mid-stream error events)
 * @param kind what went wrong, mapped to each API's error type names
 * @param message fit to show a user; names what is wrong and where
 * @param param the request field at fault (OpenAI {@code param}), or null
 * @param code a machine-readable code (OpenAI {@code code}), or null
 */
public record ApiError(int status, Kind kind, String message, String param, String code) {

    public enum Kind {
        INVALID_REQUEST, AUTHENTICATION, NOT_FOUND, REQUEST_TOO_LARGE, RATE_LIMIT, TIMEOUT, UPSTREAM, OVERLOADED,
        UNAVAILABLE, INTERNAL,
        /**
         * A temporary upstream failure after the response had started: each API's transient server-error
         * shape, so that SDKs and agents retry or fail over instead of treating the request as bad.
         */
        RETRYABLE,
        /** The path exists, the method does not (HTTP 405). */
        METHOD_NOT_ALLOWED,
        /**
         * Refused by policy, not by a fault (HTTP 403): a data policy no candidate satisfies, or a client key's
         * {@code models} that do not include what was asked for.
         */
        PERMISSION
    }

    public static ApiError invalid(String message, String param) {
        return new ApiError(400, Kind.INVALID_REQUEST, message, param, null);
    }
}
