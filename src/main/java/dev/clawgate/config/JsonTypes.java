package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON values in messages ("the string \"big\"", "a number", "an object"). */
final class JsonTypes {

    private JsonTypes() {}

    /** The type and, for scalars, the value, shortened. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "the string \"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
        }
        if (node.isNumber() || node.isBoolean()) {
            return (node.isNumber() ? "the number " : "the boolean ") + node.asText();
        }
        return typeName(node);
    }

    /** Like {@link #describe} but never shows the value of a credential. */
    static String describe(JsonNode node, String path) {
        return ConfigPaths.isSecret(path) ? typeName(node) : describe(node);
    }

    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
