package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A streaming reader for one upstream JSON frame (an SSE {@code data:} payload, an NDJSON line): the
 * decoders walk the fields they need and skip the rest, so a frame costs a parser, not a tree. Subtrees
 * that are rare and irregular (errors, usage, tool calls) can still be read as trees. Failures become the
 * same {@code MALFORMED_RESPONSE} as {@link Json#parse}.
 */
public final class JsonFrame implements AutoCloseable {

    /** Reads one value where the parser stands; the frame's own end is checked by {@link #end()}. */
    private static final com.fasterxml.jackson.databind.ObjectReader SUBTREE = Json.MAPPER.reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonParser parser;
    private final String text;
    private final String api;
    private final String what;

    private JsonFrame(JsonParser parser, String text, String api, String what) {
        this.parser = parser;
        this.text = text;
        this.api = api;
        this.what = what;
    }

    /** Opens {@code text}, positioned on its first token (which the caller checks with {@link #token()}). */
    public static JsonFrame open(String text, String api, String what) {
        try {
            JsonParser p = Json.MAPPER.createParser(text);
            JsonFrame frame = new JsonFrame(p, text, api, what);
            if (p.nextToken() == null) {
                throw Json.malformed(api, "empty " + what, text, null);
            }
            return frame;
        } catch (JacksonException e) {
            throw frameMalformed(api, what, text, e);
        } catch (IOException e) {
            throw Json.malformed(api, "unreadable " + what, text, e);
        }
    }

    /**
     * True when the frame stands on an object, whose fields {@link #nextField()} then walks; any other value is
     * skipped (the decoders read only objects and ignore what is not one).
     */
    public boolean enterObject() {
        if (isObject()) {
            return true;
        }
        skip();
        return false;
    }

    public JsonToken token() {
        return parser.currentToken();
    }

    /**
     * Moves to the next field of the current object and returns its name, positioned on its value; null at
     * the object's end.
     */
    public String nextField() {
        try {
            JsonToken t = parser.nextToken();
            if (t != JsonToken.FIELD_NAME) {
                return null;
            }
            String name = parser.currentName();
            parser.nextToken();
            return name;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Moves into the next element of the current array; false at the array's end. */
    public boolean nextElement() {
        try {
            JsonToken t = parser.nextToken();
            return t != null && t != JsonToken.END_ARRAY;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The current value as text when it is a scalar (as {@link Json#text} reads it), else null (skipped). */
    public String text() {
        JsonToken t = parser.currentToken();
        try {
            if (t == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (t != null && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                return ((JsonNode) SUBTREE.readTree(parser)).asText();
            }
            parser.skipChildren();
            return null;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * The current value as an int, as {@code JsonNode.asInt(fallback)} reads it: {@code fallback} for null, an
     * object or an array (which is skipped) or text that is not a number.
     */
    public int intValue(int fallback) {
        try {
            if (!nonNullScalar()) {
                return fallback;
            }
            return parser.getValueAsInt(fallback);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The current value as a long, as {@code JsonNode.asLong(fallback)} reads it (see {@link #intValue}). */
    public long longValue(long fallback) {
        try {
            if (!nonNullScalar()) {
                return fallback;
            }
            return parser.getValueAsLong(fallback);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The current value as a boolean, as {@code JsonNode.asBoolean(fallback)} reads it (see {@link #intValue}). */
    public boolean booleanValue(boolean fallback) {
        try {
            if (!nonNullScalar()) {
                return fallback;
            }
            return parser.getValueAsBoolean(fallback);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The current value's text when it is a non-empty scalar, else null (as {@link Json#nonEmpty}). */
    public String nonEmpty() {
        String value = text();
        return value == null || value.isEmpty() ? null : value;
    }

    /** True on a scalar that is not null; anything else is skipped (the {@code asX(fallback)} readers' case). */
    private boolean nonNullScalar() throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null || !t.isScalarValue() || t == JsonToken.VALUE_NULL) {
            parser.skipChildren();
            return false;
        }
        return true;
    }

    public boolean isObject() {
        return parser.currentToken() == JsonToken.START_OBJECT;
    }

    public boolean isArray() {
        return parser.currentToken() == JsonToken.START_ARRAY;
    }

    public boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** The current value as a tree (for the rare, irregular parts of a frame). */
    public JsonNode tree() {
        try {
            JsonNode node = (JsonNode) SUBTREE.readTree(parser);
            return node == null ? Json.MAPPER.nullNode() : node;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Skips the current value (an object or array with everything in it). */
    public void skip() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** After the root value: anything more is malformed, as {@link Json#parse} (trailing tokens) has it. */
    public void end() {
        try {
            if (parser.nextToken() != null) {
                throw Json.malformed(api, "invalid JSON in " + what + " (trailing content after the value)", text,
                        null);
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // a string source holds nothing
        }
    }

    private RuntimeException failure(IOException e) {
        if (e instanceof JacksonException je) {
            return frameMalformed(api, what, text, je);
        }
        return Json.malformed(api, "unreadable " + what, text, e);
    }

    private static RuntimeException frameMalformed(String api, String what, String text, JacksonException e) {
        return Json.malformed(api, "invalid JSON in " + what + " (" + e.getOriginalMessage() + ")", text, e);
    }
}
