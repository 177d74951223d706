package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.util.Locale;

/**
 * Classifies errors that arrive inside a 2xx body: an SSE {@code error} event, {@code response.failed},
 * a {@code data: {"error":{...}}} chunk, an Ollama {@code {"error":"..."}} line. Failures before the body
 * (non-2xx statuses) are the transport's job.
 */
public final class InStreamErrors {

    private static final int MAX_MESSAGE_CHARS = 500;

    private InStreamErrors() {}

    /**
     * An exception for an upstream error object ({@code {"type"|"code", "message"}}) or error string.
     *
     * @param error the error node: an object with type/code/message/status, or a plain string
     */
    public static UpstreamException from(String api, JsonNode error) {
        String type = null;
        String code = null;
        String message;
        int status = 0;
        if (error != null && error.isObject()) {
            type = Json.text(error, "type");
            code = Json.text(error, "code");
            message = Json.text(error, "message");
            JsonNode statusNode = error.has("status") ? error.get("status") : error.get("code");
            if (statusNode != null && statusNode.canConvertToInt()) {
                status = statusNode.asInt();
            }
            if (message == null) {
                message = Json.snippet(error.toString());
            }
        } else {
            message = error == null || error.isNull() ? "unknown error" : error.asText();
        }
        FailureClass failure = classify(type, code, status, message);
        String shown = api + " upstream error" + (type != null ? " " + type : code != null ? " " + code : "")
                + ": " + trim(message);
        return new UpstreamException(failure, status, shown, null, null);
    }

    /** Maps an error's type/code, numeric status and message to a failure class. */
    public static FailureClass classify(String type, String code, int status, String message) {
        String key = ((type == null ? "" : type) + " " + (code == null ? "" : code)).toLowerCase(Locale.ROOT);
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (key.contains("context_length") || key.contains("context_window") || mentionsContextOverflow(text)) {
            return FailureClass.CONTEXT_OVERFLOW;
        }
        if (key.contains("overloaded") || status == 529 || status == 503 || text.contains("overloaded")) {
            return FailureClass.OVERLOADED;
        }
        if (key.contains("rate_limit") || status == 429 || text.contains("rate limit")) {
            return FailureClass.RATE_LIMIT;
        }
        if (key.contains("insufficient_quota") || key.contains("billing") || status == 402) {
            return FailureClass.BILLING;
        }
        if (key.contains("authentication") || key.contains("invalid_api_key") || status == 401) {
            return FailureClass.AUTH;
        }
        if (key.contains("permission") || status == 403) {
            return FailureClass.AUTH_PERMANENT;
        }
        if (key.contains("not_found") || key.contains("model_not_found") || status == 404
                || (text.contains("model") && text.contains("not found"))) {
            return FailureClass.MODEL_NOT_FOUND;
        }
        if (key.contains("invalid_request") || status == 400) {
            return FailureClass.BAD_REQUEST;
        }
        if (key.contains("server_error") || key.contains("api_error") || status >= 500) {
            return FailureClass.SERVER_ERROR;
        }
        return FailureClass.UNKNOWN;
    }

    private static boolean mentionsContextOverflow(String text) {
        return text.contains("maximum context length") || text.contains("context length")
                && (text.contains("longer than") || text.contains("exceed"))
                || text.contains("context window") && text.contains("exceed")
                || text.contains("prompt is too long");
    }

    private static String trim(String message) {
        String flat = message.strip();
        return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** The stream ended without its terminal frame. */
    public static UpstreamException interrupted(String api, String what) {
        return new UpstreamException(FailureClass.STREAM_INTERRUPTED, api + " upstream stream ended " + what);
    }
}
