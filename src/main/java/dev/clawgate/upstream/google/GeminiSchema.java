package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.upstream.codec.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Narrows a tool's JSON Schema to the OpenAPI subset Gemini's {@code functionDeclarations.parameters}
 * accepts. Gemini rejects the whole call on a keyword it does not know ({@code $schema},
 * {@code additionalProperties}, {@code $ref}, ...), and agent tools (MCP servers, zod-generated schemas)
 * carry them routinely, so unknown keywords are dropped rather than passed on. A type list with
 * {@code "null"} becomes {@code nullable}, {@code const} becomes a one-value {@code enum}.
 */
final class GeminiSchema {

    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

    private GeminiSchema() {}

    static ObjectNode of(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return Json.object().put("type", "object");
        }
        return narrow(schema);
    }

    private static ObjectNode narrow(JsonNode schema) {
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "type" -> type(value, out);
                case "const" -> out.putArray("enum").add(value.deepCopy());
                case "properties" -> {
                    if (value.isObject()) {
                        ObjectNode properties = out.putObject("properties");
                        value.fields().forEachRemaining(p -> properties.set(p.getKey(), narrowOrEmpty(p.getValue())));
                    }
                }
                case "items" -> out.set("items", narrowOrEmpty(value));
                case "anyOf" -> {
                    if (value.isArray()) {
                        ArrayNode options = out.putArray("anyOf");
                        value.forEach(v -> options.add(narrowOrEmpty(v)));
                    }
                }
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode narrowOrEmpty(JsonNode schema) {
        return schema != null && schema.isObject() ? narrow(schema) : Json.object();
    }

    private static void type(JsonNode type, ObjectNode out) {
        if (type.isTextual()) {
            out.put("type", type.asText());
            return;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    out.put("nullable", true);
                } else if (!out.has("type")) {
                    out.put("type", t.asText());
                }
            }
        }
    }
}
