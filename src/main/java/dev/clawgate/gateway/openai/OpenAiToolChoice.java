package dev.clawgate.gateway.openai;

import static dev.clawgate.gateway.JsonFields.at;
import static dev.clawgate.gateway.JsonFields.requireObject;
import static dev.clawgate.gateway.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.InvalidRequestException;
import dev.clawgate.wire.ToolChoice;
import java.util.function.Function;

/** What Chat Completions and Responses share about tools: function tools only, and {@code tool_choice}. */
final class OpenAiToolChoice {

    private OpenAiToolChoice() {}

    /** Rejects tools other than {@code function} (built-in tools need a server that runs them). */
    static void requireFunctionType(ObjectNode tool, String path) {
        String type = requiredString(tool, path, "type");
        if (!type.equals("function")) {
            throw new InvalidRequestException(at(path, "type") + " \"" + type + "\" is not supported; Clawgate "
                    + "accepts function tools only", at(path, "type"));
        }
    }

    /**
     * {@code "auto" | "none" | "required"} or a named function in the API's own shape.
     *
     * @param namedShape how the API writes a named choice, for the error message
     * @param nameOf reads the function's name from the named-choice object
     */
    static ToolChoice parse(JsonNode n, String namedShape, Function<ObjectNode, String> nameOf) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return switch (n.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw new InvalidRequestException("tool_choice must be \"auto\", \"none\", \"required\" or "
                        + namedShape + ", got \"" + n.textValue() + "\"", "tool_choice");
            };
        }
        return ToolChoice.named(nameOf.apply(requireObject(n, "tool_choice")));
    }
}
