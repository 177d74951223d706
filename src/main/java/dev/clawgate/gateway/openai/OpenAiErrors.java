package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.Json;

/** OpenAI's error shape, shared by Chat Completions and Responses: {@code {error:{message,type,param,code}}}. */
public final class OpenAiErrors {

    private OpenAiErrors() {}

    /** OpenAI's {@code type} for an error kind. */
    public static String type(ApiError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND, REQUEST_TOO_LARGE, TIMEOUT -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case RATE_LIMIT -> "rate_limit_error";
            case UPSTREAM, INTERNAL, RETRYABLE -> "server_error";
            case METHOD_NOT_ALLOWED -> "invalid_request_error";
            case OVERLOADED, UNAVAILABLE -> "service_unavailable_error";
            case PERMISSION -> "permission_error";
        };
    }

    public static ObjectNode errorObject(ApiError e) {
        ObjectNode err = Json.object();
        err.put("message", e.message());
        err.put("type", type(e.kind()));
        err.put("param", e.param());
        err.put("code", e.code());
        return err;
    }

    public static byte[] body(ApiError e) {
        ObjectNode root = Json.object();
        root.set("error", errorObject(e));
        return Json.bytes(root);
    }
}
