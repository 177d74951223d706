package dev.clawgate.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed arguments out of a tool's JSON object, with errors phrased for the model. */
public final class ToolArgs {

    private ToolArgs() {}

    public static String requireString(JsonNode args, String field) throws ToolInputException {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw new ToolInputException("Missing required argument \"" + field + "\".");
        }
        if (!v.isTextual()) {
            throw new ToolInputException("Argument \"" + field + "\" must be a string.");
        }
        return v.textValue();
    }

    public static String optionalString(JsonNode args, String field, String fallback) throws ToolInputException {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new ToolInputException("Argument \"" + field + "\" must be a string.");
        }
        return v.textValue();
    }
}
