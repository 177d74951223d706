package dev.clawgate.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.DecodedCall;
import dev.clawgate.gateway.InboundApi;
import dev.clawgate.gateway.Json;

/** {@code POST /v1/messages}, Anthropic's Messages API. */
public final class MessagesApi implements InboundApi {

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public DecodedCall decode(JsonNode body) {
        return MessagesDecoder.decode(body);
    }

    @Override
    public byte[] errorBody(ApiError error, String requestId) {
        ObjectNode root = errorEvent(error);
        if (requestId != null) {
            root.put("request_id", requestId);
        }
        return Json.bytes(root);
    }

    /** {@code {"type":"error","error":{"type":...,"message":...}}}: the body of errors and of the error event. */
    static ObjectNode errorEvent(ApiError error) {
        ObjectNode root = Json.object();
        root.put("type", "error");
        ObjectNode err = root.putObject("error");
        err.put("type", type(error.kind()));
        err.put("message", error.message());
        return root;
    }

    static String type(ApiError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case NOT_FOUND -> "not_found_error";
            case REQUEST_TOO_LARGE -> "request_too_large";
            case RATE_LIMIT -> "rate_limit_error";
            case TIMEOUT -> "timeout_error";
            case UPSTREAM, INTERNAL -> "api_error";
            // Anthropic's own mid-stream transient error; its SDKs retry it and OpenClaw fails over on it
            case RETRYABLE -> "overloaded_error";
            case METHOD_NOT_ALLOWED -> "invalid_request_error";
            case OVERLOADED, UNAVAILABLE -> "overloaded_error";
            case PERMISSION -> "permission_error";
        };
    }
}
