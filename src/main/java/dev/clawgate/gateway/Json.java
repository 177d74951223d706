package dev.clawgate.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The gateway's one ObjectMapper and small helpers around it. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Request bodies are bounded by Limits.maxRequestBytes; a single base64 image string may be large.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).build());
    }

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a request body.
     *
     * @throws InvalidRequestException naming the line and column of malformed JSON
     */
    public static JsonNode parseRequestBody(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("Request body is empty; expected a JSON object", null);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidRequestException("Request body is empty; expected a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InvalidRequestException("Malformed JSON in request body" + where + ": " + e.getOriginalMessage(),
                    null);
        } catch (IOException e) {
            throw new InvalidRequestException("Unreadable request body: " + e.getMessage(), null);
        }
    }

    /** Parses tool-call arguments into an object; null when they are not a JSON object. */
    public static ObjectNode parseObjectOrNull(String json) {
        if (json == null || json.isBlank()) {
            return object();
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            return n instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
