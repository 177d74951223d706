package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;

/**
 * JSON helpers shared by the codecs. Parsing failures become {@link FailureClass#MALFORMED_RESPONSE}
 * with enough context to find the frame, never a bare Jackson exception escaping to the router.
 */
public final class Json {

    /**
     * Jackson's default buffer recycling is per thread, and every request runs on a new virtual thread, so
     * each request would allocate fresh parser and generator buffers; a small shared pool reuses them.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(64)).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int SNIPPET_CHARS = 160;

    private Json() {}

    /**
     * Parses one upstream frame or body.
     *
     * @param api the API whose frame this is, for the message
     * @param what what the text should have been ({@code chat.completion.chunk}, {@code response body})
     */
    public static JsonNode parse(String text, String api, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw malformed(api, "empty " + what, text, null);
            }
            return node;
        } catch (JacksonException e) {
            throw malformed(api, "invalid JSON in " + what + " (" + e.getOriginalMessage() + ")", text, e);
        }
    }

    public static UpstreamException malformed(String api, String problem, String data, Throwable cause) {
        String message = api + " upstream sent " + problem + (data == null ? "" : "; data: " + snippet(data));
        return new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, message, null, cause);
    }

    /** The start of an upstream text, on one line, for error messages. */
    public static String snippet(String data) {
        String flat = data.replace('\r', ' ').replace('\n', ' ').strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + "...";
    }

    /** A field's text, or null when it is missing, null or not a scalar. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** A field's text when it is a non-empty string, else null. */
    public static String nonEmpty(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Tool arguments as JSON text: servers send a string (the standard) or, non-standard, an object. */
    public static String argumentsText(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return null;
        }
        return arguments.isTextual() ? arguments.asText() : arguments.toString();
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses JSON text we produced or stored ourselves (tool arguments), falling back to a string. */
    public static JsonNode parseLenient(String text) {
        if (text == null || text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }
}
