package dev.clawgate.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stored JSON form of canonical {@link Message}s. Hand-written rather than bound by reflection so the
 * format is visible here and stays stable when the wire records change:
 *
 * <pre>{"role":"assistant","parts":[
 *   {"type":"reasoning","text":"…","signature":"…","redacted":false},
 *   {"type":"text","text":"…"},
 *   {"type":"tool_call","id":"c1","name":"read","arguments":"{\"path\":\"a\"}"},
 *   {"type":"tool_result","toolCallId":"c1","name":"read","content":"…","isError":false},
 *   {"type":"image","mediaType":"image/png","data":"…base64…","url":null}]}</pre>
 *
 * Tool-call arguments stay the raw JSON text the model produced (even when it is not valid JSON), and
 * nulls are written as nulls, so decoding gives back an equal message.
 */
public final class MessageJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageJson() {}

    public static String toJson(Message message) {
        return toNode(message).toString();
    }

    public static Message fromJson(String json) {
        return fromNode(read(json));
    }

    /** Just the parts array, as stored beside a separate role column. */
    public static String partsToJson(List<Part> parts) {
        return partsNode(parts).toString();
    }

    public static List<Part> partsFromJson(String json) {
        return partsFrom(read(json));
    }

    public static ObjectNode toNode(Message message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("role", roleName(message.role()));
        node.set("parts", partsNode(message.parts()));
        return node;
    }

    public static Message fromNode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a message must be a JSON object");
        }
        return new Message(parseRole(text(node, "role")), partsFrom(node.get("parts")));
    }

    public static String roleName(Message.Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    public static Message.Role parseRole(String name) {
        if (name == null) {
            throw new IllegalArgumentException("missing role");
        }
        return Message.Role.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static ArrayNode partsNode(List<Part> parts) {
        ArrayNode array = JSON.createArrayNode();
        for (Part part : parts) {
            ObjectNode p = array.addObject();
            switch (part) {
                case Part.Text t -> {
                    p.put("type", "text");
                    p.put("text", t.text());
                }
                case Part.Reasoning r -> {
                    p.put("type", "reasoning");
                    p.put("text", r.text());
                    p.put("signature", r.signature());
                    p.put("redacted", r.redacted());
                }
                case Part.ToolCall c -> {
                    p.put("type", "tool_call");
                    p.put("id", c.id());
                    p.put("name", c.name());
                    p.put("arguments", c.argumentsJson());
                }
                case Part.ToolResult r -> {
                    p.put("type", "tool_result");
                    p.put("toolCallId", r.toolCallId());
                    p.put("name", r.name());
                    p.put("content", r.content());
                    p.put("isError", r.isError());
                }
                case Part.Image i -> {
                    p.put("type", "image");
                    p.put("mediaType", i.mediaType());
                    p.put("data", i.data());
                    p.put("url", i.url());
                }
            }
        }
        return array;
    }

    private static List<Part> partsFrom(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("parts must be a JSON array");
        }
        List<Part> parts = new ArrayList<>(array.size());
        for (JsonNode p : array) {
            String type = text(p, "type");
            parts.add(switch (type == null ? "" : type) {
                case "text" -> new Part.Text(text(p, "text"));
                case "reasoning" -> new Part.Reasoning(text(p, "text"), text(p, "signature"), p.path("redacted").asBoolean());
                case "tool_call" -> new Part.ToolCall(text(p, "id"), text(p, "name"), text(p, "arguments"));
                case "tool_result" -> new Part.ToolResult(text(p, "toolCallId"), text(p, "name"), text(p, "content"),
                        p.path("isError").asBoolean());
                case "image" -> new Part.Image(text(p, "mediaType"), text(p, "data"), text(p, "url"));
                default -> throw new IllegalArgumentException("unknown part type " + type);
            });
        }
        return parts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored message is not valid JSON", e);
        }
    }
}
