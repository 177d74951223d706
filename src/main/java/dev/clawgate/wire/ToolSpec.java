package dev.clawgate.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function the model may call; {@code parameters} is a JSON Schema object. {@code cacheControl} is a
 * prompt-cache breakpoint on this tool definition (see {@link Part}), or null.
 */
public record ToolSpec(String name, String description, JsonNode parameters, ObjectNode cacheControl) {

    public ToolSpec(String name, String description, JsonNode parameters) {
        this(name, description, parameters, null);
    }
}
