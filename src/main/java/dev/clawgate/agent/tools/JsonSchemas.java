package dev.clawgate.agent.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the small JSON Schema objects the built-in tools declare. */
final class JsonSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonSchemas() {}

    static ObjectNode object() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        schema.putArray("required");
        schema.put("additionalProperties", false);
        return schema;
    }

    static ObjectNode stringProperty(ObjectNode schema, String name, String description, boolean required) {
        ObjectNode property = ((ObjectNode) schema.get("properties")).putObject(name);
        property.put("type", "string");
        property.put("description", description);
        if (required) {
            schema.withArray("required").add(name);
        }
        return schema;
    }
}
