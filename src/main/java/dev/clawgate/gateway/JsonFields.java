package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to request fields that fails with a message naming the field's path, what was expected and
 * what arrived ({@code messages[2].content must be a string or an array of content parts, got number}).
 * {@code path} arguments are the path of the containing object ("" at the top level).
 */
public final class JsonFields {

    private JsonFields() {}

    public static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    /** {@code string}, {@code number}, {@code boolean}, {@code object}, {@code array} or {@code null}. */
    public static String typeName(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return n.isArray() ? "array" : n.isObject() ? "object" : n.getNodeType().name().toLowerCase();
    }

    public static InvalidRequestException wrongType(String path, String expected, JsonNode got) {
        return new InvalidRequestException(path + " must be " + expected + ", got " + typeName(got), path);
    }

    public static InvalidRequestException missing(String path) {
        return new InvalidRequestException(path + " is required", path);
    }

    public static boolean present(ObjectNode obj, String field) {
        JsonNode n = obj.get(field);
        return n != null && !n.isNull();
    }

    public static ObjectNode requireObject(JsonNode n, String path) {
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw wrongType(path.isEmpty() ? "request body" : path, "an object", n);
    }

    public static String requiredString(ObjectNode obj, String path, String field) {
        if (!present(obj, field)) {
            throw missing(at(path, field));
        }
        return optionalString(obj, path, field);
    }

    public static String optionalString(ObjectNode obj, String path, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(at(path, field), "a string", n);
        }
        return n.textValue();
    }

    public static Integer optionalPositiveInt(ObjectNode obj, String path, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw wrongType(at(path, field), "an integer", n);
        }
        if (n.intValue() < 1) {
            throw new InvalidRequestException(at(path, field) + " must be at least 1, got " + n.intValue(),
                    at(path, field));
        }
        return n.intValue();
    }

    public static Double optionalNumber(ObjectNode obj, String path, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(at(path, field), "a number", n);
        }
        return n.doubleValue();
    }

    public static boolean optionalBoolean(ObjectNode obj, String path, String field, boolean dflt) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw wrongType(at(path, field), "a boolean", n);
        }
        return n.booleanValue();
    }

    /** A boolean field, or null when absent or null. */
    public static Boolean optionalBooleanOrNull(ObjectNode obj, String path, String field) {
        return present(obj, field) ? optionalBoolean(obj, path, field, false) : null;
    }

    public static ArrayNode optionalArray(ObjectNode obj, String path, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw wrongType(at(path, field), "an array", n);
        }
        return (ArrayNode) n;
    }

    public static ObjectNode optionalObject(ObjectNode obj, String path, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        return requireObject(n, at(path, field));
    }

    /** A non-empty array, or a 400 saying it is missing, of the wrong type or empty. */
    public static ArrayNode requiredNonEmptyArray(ObjectNode obj, String path, String field, String what) {
        if (!present(obj, field)) {
            throw missing(at(path, field));
        }
        ArrayNode a = optionalArray(obj, path, field);
        if (a.isEmpty()) {
            throw new InvalidRequestException(at(path, field) + " must contain at least one " + what + ", got an empty array",
                    at(path, field));
        }
        return a;
    }

    /** A string or an array of strings ({@code stop}). */
    public static List<String> stringOrStrings(ObjectNode obj, String path, String field) {
        JsonNode n = obj.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.textValue());
            return out;
        }
        if (!n.isArray()) {
            throw wrongType(at(path, field), "a string or an array of strings", n);
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw wrongType(at(at(path, field), i), "a string", n.get(i));
            }
            out.add(n.get(i).textValue());
        }
        return out;
    }

    /** Copies the named fields, when present, into {@code extras}. */
    public static void copyPresent(ObjectNode from, ObjectNode extras, String... fields) {
        for (String f : fields) {
            if (present(from, f)) {
                extras.set(f, from.get(f));
            }
        }
    }

    /** Reads one typed part of array content; throws, naming the part, for a type the API does not allow here. */
    @FunctionalInterface
    public interface PartReader<T> {
        T read(ObjectNode part, String type, String path);
    }

    /**
     * Content the way the OpenAI and Anthropic APIs write it: null (nothing), a string (one text, made with
     * {@code ofText}), or an array of objects with a {@code type}, each read by {@code reader}.
     *
     * @param expected what a wrong type is told to send instead ({@code a string or an array of text parts})
     */
    public static <T> List<T> typedParts(JsonNode content, String path, String expected,
            java.util.function.Function<String, T> ofText, PartReader<T> reader) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(ofText.apply(content.textValue()));
        }
        if (!content.isArray()) {
            throw wrongType(path, expected, content);
        }
        List<T> out = new java.util.ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            String p = at(path, i);
            ObjectNode part = requireObject(content.get(i), p);
            out.add(reader.read(part, requiredString(part, p, "type"), p));
        }
        return out;
    }

    /** Text-only content: {@link #typedParts} joined, each part's text read by {@code textOf}. */
    public static String joinedText(JsonNode content, String path, String expected, PartReader<String> textOf) {
        return String.join("", typedParts(content, path, expected, text -> text, textOf));
    }

    /**
     * The objects of the optional array {@code obj[field]}, each mapped with its own path
     * ({@code tools[2]}); empty when the field is absent.
     */
    public static <T> List<T> eachObject(ObjectNode obj, String field, java.util.function.BiFunction<ObjectNode, String, T> map) {
        ArrayNode array = optionalArray(obj, "", field);
        List<T> out = new java.util.ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                String p = at(field, i);
                out.add(map.apply(requireObject(array.get(i), p), p));
            }
        }
        return out;
    }
}
