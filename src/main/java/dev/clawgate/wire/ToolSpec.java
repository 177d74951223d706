package dev.clawgate.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** A function the model may call; {@code parameters} is a JSON Schema object. */
public record ToolSpec(String name, String description, JsonNode parameters) {}
