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

    /** An upstream failure the router did not fail over (context overflow, bad request) or one mid-collect. */
    static ApiError upstream(UpstreamException e) {
        String msg = e.getMessage() != null ? e.getMessage() : e.failure().label();
        return switch (e.failure()) {
            case CONTEXT_OVERFLOW -> new ApiError(400, ApiError.Kind.INVALID_REQUEST, msg, "messages",
                    "context_length_exceeded");
            case BAD_REQUEST -> new ApiError(400, ApiError.Kind.INVALID_REQUEST, msg, null, null);
            case RATE_LIMIT -> new ApiError(429, ApiError.Kind.RATE_LIMIT, msg, null, "rate_limit_exceeded");
            case OVERLOADED -> new ApiError(503, ApiError.Kind.OVERLOADED, msg, null, "overloaded");
            default -> new ApiError(502, ApiError.Kind.UPSTREAM, msg, null, e.failure().label());
        };
    }

    /** The error event sent when an upstream fails after the client received bytes. */
    static ApiError midStream(UpstreamException e, String modelRef) {
        String msg = "The model " + modelRef + " failed mid-response: "
                + (e.getMessage() != null ? e.getMessage() : e.failure().label()) + " (" + e.failure().label() + ")";
        boolean overloaded = e.failure() == FailureClass.OVERLOADED || e.failure() == FailureClass.RATE_LIMIT;
        return new ApiError(overloaded ? 529 : 502, overloaded ? ApiError.Kind.OVERLOADED : ApiError.Kind.UPSTREAM, msg,
                null, e.failure().label());
    }
}
