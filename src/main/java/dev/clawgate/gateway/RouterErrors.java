package dev.clawgate.gateway;

import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;

/** Maps the router's exceptions to client errors. */
final class RouterErrors {

    private RouterErrors() {}

    static ApiError unknownModel(UnknownModelException e) {
        String available = e.available().isEmpty() ? "none configured" : String.join(", ", e.available());
        String msg = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : "The model '" + e.requested() + "' does not exist";
        return new ApiError(404, ApiError.Kind.NOT_FOUND, msg + ". Available models: " + available, "model",
                "model_not_found");
    }

    /** 429 when every candidate was rate limited, 503 when none could be tried (all cooling), else 502. */
    static ApiError allFailed(AllCandidatesFailedException e) {
        boolean allSkipped = !e.attempts().isEmpty();
        boolean allRateLimited = !e.attempts().isEmpty();
        for (Attempt a : e.attempts()) {
            allSkipped &= a.skipped();
            allRateLimited &= !a.skipped() && a.failure() == FailureClass.RATE_LIMIT;
        }
        if (allRateLimited) {
            return new ApiError(429, ApiError.Kind.RATE_LIMIT, e.getMessage(), null, "rate_limit_exceeded");
        }
        if (allSkipped) {
            return new ApiError(503, ApiError.Kind.UNAVAILABLE, e.getMessage(), null, "all_models_cooling_down");
        }
        return new ApiError(502, ApiError.Kind.UPSTREAM, e.getMessage(), null, "all_models_failed");
    }

    /** 429 {@code budget_exceeded}: the message names the budget, what is spent, the limit and the reset. */
    static ApiError budgetExceeded(dev.clawgate.routing.BudgetExceededException e) {
        return new ApiError(429, ApiError.Kind.RATE_LIMIT, e.getMessage(), null, "budget_exceeded");
    }

    /**
     * 403 {@code data_policy_blocked}: the {@code privacy} settings that apply leave no candidate; the message
     * lists each skipped model and why, and nothing was contacted.
     */
    static ApiError dataPolicyBlocked(dev.clawgate.routing.PrivacyBlockedException e) {
        return new ApiError(403, ApiError.Kind.PERMISSION, e.getMessage(), "model", "data_policy_blocked");
    }

    /** An upstream failure the router did not fail over (context overflow, bad request) or one mid-collect. */
    static ApiError upstream(UpstreamException e) {
        String msg = e.getMessage() != null ? e.getMessage() : e.failure().label();
        return switch (e.failure()) {
            case CONTEXT_OVERFLOW -> new ApiError(400, ApiError.Kind.INVALID_REQUEST, msg, "messages",
                    "context_length_exceeded");
            // 409: the agent's session is busy or was taken over; SDKs retry a conflict, not a 400
            case BAD_REQUEST -> e.status() == 409
                    ? new ApiError(409, ApiError.Kind.INVALID_REQUEST, msg, null, "session_busy")
                    : new ApiError(400, ApiError.Kind.INVALID_REQUEST, msg, null, null);
            case RATE_LIMIT -> new ApiError(429, ApiError.Kind.RATE_LIMIT, msg, null, "rate_limit_exceeded");
            case OVERLOADED -> new ApiError(503, ApiError.Kind.OVERLOADED, msg, null, "overloaded");
            default -> new ApiError(502, ApiError.Kind.UPSTREAM, msg, null, e.failure().label());
        };
    }

    /**
     * The error event sent when an upstream fails after the client received bytes. A failure another try
     * may not hit (a dropped connection, a timeout, overload) uses the API's transient server-error shape
     * (Anthropic {@code overloaded_error}, OpenAI {@code server_error}) and says so in words agents match
     * ("connection error", "timed out", "overloaded"), so that SDKs and OpenClaw retry or fail over; a
     * request the upstream refused as bad stays an invalid-request error.
     */
    static ApiError midStream(UpstreamException e, String modelRef) {
        String detail = (e.getMessage() != null ? e.getMessage() : e.failure().label()) + " (" + e.failure().label() + ")";
        if (!e.failure().advancesFallback()) {
            return new ApiError(400, ApiError.Kind.INVALID_REQUEST, "The model " + modelRef
                    + " refused the request mid-response: " + detail, null, e.failure().label());
        }
        String what = switch (e.failure()) {
            case OVERLOADED -> "overloaded";
            case RATE_LIMIT -> "rate limit reached";
            case FIRST_BYTE_TIMEOUT, IDLE_TIMEOUT, DEADLINE -> "timed out";
            default -> "connection error";
        };
        return new ApiError(503, ApiError.Kind.RETRYABLE, "Upstream " + what + ": the model " + modelRef
                + " failed mid-response: " + detail + ". This is temporary; retry the request.", null, "server_error");
    }
}
