package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.transport.FailureClassifier;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;

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

    /**
     * Maps an error's type/code, numeric status (OpenRouter puts the provider's HTTP status in
     * {@code code}) and message to a failure class, with the transport's wording rules. An in-stream
     * error nobody recognises is the upstream failing mid-answer: a server error.
     */
    public static FailureClass classify(String type, String code, int status, String message) {
        String text = String.join(" ", type == null ? "" : type, code == null ? "" : code,
                message == null ? "" : message);
        if (status >= 400 && status < 600) {
            return FailureClassifier.classifyStatus(status, text);
        }
        return FailureClassifier.classifyText(text, FailureClass.SERVER_ERROR);
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
