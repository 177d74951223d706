package dev.clawgate.gateway.anthropic;

import static dev.clawgate.gateway.JsonFields.at;
import static dev.clawgate.gateway.JsonFields.optionalBoolean;
import static dev.clawgate.gateway.JsonFields.optionalNumber;
import static dev.clawgate.gateway.JsonFields.optionalObject;
import static dev.clawgate.gateway.JsonFields.optionalPositiveInt;
import static dev.clawgate.gateway.JsonFields.optionalString;
import static dev.clawgate.gateway.JsonFields.requireObject;
import static dev.clawgate.gateway.JsonFields.requiredNonEmptyArray;
import static dev.clawgate.gateway.JsonFields.requiredString;
import static dev.clawgate.gateway.JsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.InvalidRequestException;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.JsonFields;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolChoice;
import dev.clawgate.wire.ToolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Messages request JSON to {@link ChatRequest}. */
final class MessagesDecoder {

    private static final String[] PASS_THROUGH = {"top_k", "thinking"};

    private MessagesDecoder() {}

    static MessagesCall decode(JsonNode root) {
        ObjectNode body = requireObject(root, "");
        String model = requiredString(body, "", "model");
        if (!JsonFields.present(body, "max_tokens")) {
            throw new InvalidRequestException("max_tokens is required: the maximum number of tokens to generate, "
                    + "e.g. 1024", "max_tokens");
        }
        Integer maxTokens = optionalPositiveInt(body, "", "max_tokens");
        ArrayNode rawMessages = requiredNonEmptyArray(body, "", "messages", "message");

        List<Message> messages = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < rawMessages.size(); i++) {
            String path = at("messages", i);
            ObjectNode m = requireObject(rawMessages.get(i), path);
            String role = requiredString(m, path, "role");
            JsonNode content = m.get("content");
            String cpath = at(path, "content");
            if (content == null || content.isNull()) {
                throw JsonFields.missing(cpath);
            }
            if (!content.isTextual() && !content.isArray()) {
                throw wrongType(cpath, "a string or an array of content blocks", content);
            }
            switch (role) {
                case "user" -> user(content, cpath, toolNames, messages);
                case "assistant" -> messages.add(assistant(content, cpath, toolNames));
                default -> throw new InvalidRequestException(at(path, "role") + " must be \"user\" or \"assistant\", got \""
                        + role + "\" (put system instructions in the top-level system field)", at(path, "role"));
            }
        }

        ObjectNode metadata = optionalObject(body, "", "metadata");
        String user = metadata != null ? optionalString(metadata, "metadata", "user_id") : null;
        ObjectNode extras = Json.object();
        JsonFields.copyPresent(body, extras, PASS_THROUGH);
        List<Part.Text> system = system(body.get("system"));
        ChatRequest request = new ChatRequest(model, null, messages, tools(body),
                toolChoice(body), maxTokens, optionalNumber(body, "", "temperature"), optionalNumber(body, "", "top_p"),
                JsonFields.stringOrStrings(body, "", "stop_sequences"), optionalBoolean(body, "", "stream", false), user,
                extras.isEmpty() ? null : extras, system, null, "max_tokens");
        return new MessagesCall(request);
    }

    /** The system text blocks, each with its cache breakpoint; empty for none. */
    private static List<Part.Text> system(JsonNode system) {
        if (system == null || system.isNull()) {
            return List.of();
        }
        if (system.isTextual()) {
            return List.of(new Part.Text(system.textValue()));
        }
        if (!system.isArray()) {
            throw wrongType("system", "a string or an array of text blocks", system);
        }
        List<Part.Text> blocks = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            String p = at("system", i);
            ObjectNode block = requireObject(system.get(i), p);
            String type = requiredString(block, p, "type");
            if (!type.equals("text")) {
                throw new InvalidRequestException(at(p, "type") + " must be \"text\", got \"" + type + "\"", at(p, "type"));
            }
            blocks.add(new Part.Text(requiredString(block, p, "text"), cacheControl(block, p)));
        }
        return blocks;
    }

    /** The block's {@code cache_control} as the caller wrote it, or null. */
    private static ObjectNode cacheControl(ObjectNode block, String path) {
        return optionalObject(block, path, "cache_control");
    }

    /**
     * One message per Anthropic message, so that boundaries survive: a TOOL message when it holds only tool
     * results, else a USER message (tool results, text and images in the caller's order).
     */
    private static void user(JsonNode content, String path, Map<String, String> toolNames, List<Message> out) {
        if (content.isTextual()) {
            out.add(Message.user(content.textValue()));
            return;
        }
        List<Part> parts = new ArrayList<>();
        boolean onlyResults = true;
        for (int i = 0; i < content.size(); i++) {
            String p = at(path, i);
            ObjectNode block = requireObject(content.get(i), p);
            String type = requiredString(block, p, "type");
            switch (type) {
                case "text" -> parts.add(new Part.Text(requiredString(block, p, "text"), cacheControl(block, p)));
                case "image" -> parts.add(image(block, p));
                case "tool_result" -> {
                    String id = requiredString(block, p, "tool_use_id");
                    String text = toolResultText(block.get("content"), at(p, "content"));
                    boolean isError = optionalBoolean(block, p, "is_error", false);
                    parts.add(new Part.ToolResult(id, toolNames.get(id), text, isError, cacheControl(block, p)));
                }
                default -> throw new InvalidRequestException(at(p, "type") + " \"" + type + "\" is not supported in user "
                        + "messages; use text, image or tool_result", at(p, "type"));
            }
        }
        for (Part part : parts) {
            onlyResults &= part instanceof Part.ToolResult;
        }
        if (!parts.isEmpty()) {
            out.add(new Message(onlyResults ? Message.Role.TOOL : Message.Role.USER, parts));
        }
    }

    private static Message assistant(JsonNode content, String path, Map<String, String> toolNames) {
        if (content.isTextual()) {
            return Message.assistant(content.textValue());
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String p = at(path, i);
            ObjectNode block = requireObject(content.get(i), p);
            String type = requiredString(block, p, "type");
            switch (type) {
                case "text" -> parts.add(new Part.Text(requiredString(block, p, "text"), cacheControl(block, p)));
                case "thinking" -> parts.add(new Part.Reasoning(requiredString(block, p, "thinking"),
                        optionalString(block, p, "signature"), false));
                case "redacted_thinking" -> parts.add(new Part.Reasoning("", requiredString(block, p, "data"), true));
                case "tool_use" -> {
                    String id = requiredString(block, p, "id");
                    String name = requiredString(block, p, "name");
                    JsonNode input = block.get("input");
                    if (input != null && !input.isNull() && !input.isObject()) {
                        throw wrongType(at(p, "input"), "an object", input);
                    }
                    toolNames.put(id, name);
                    parts.add(new Part.ToolCall(id, name, input == null || input.isNull() ? "{}" : Json.write(input),
                            cacheControl(block, p)));
                }
                default -> throw new InvalidRequestException(at(p, "type") + " \"" + type + "\" is not supported in "
                        + "assistant messages; use text, thinking, redacted_thinking or tool_use", at(p, "type"));
            }
        }
        return new Message(Message.Role.ASSISTANT, parts);
    }

    private static Part.Image image(ObjectNode block, String path) {
        ObjectNode source = requireObject(block.get("source"), at(path, "source"));
        String sp = at(path, "source");
        String type = requiredString(source, sp, "type");
        return switch (type) {
            case "base64" -> new Part.Image(requiredString(source, sp, "media_type"), requiredString(source, sp, "data"), null,
                    cacheControl(block, path));
            case "url" -> new Part.Image(null, null, requiredString(source, sp, "url"), cacheControl(block, path));
            default -> throw new InvalidRequestException(at(sp, "type") + " must be \"base64\" or \"url\", got \"" + type
                    + "\"", at(sp, "type"));
        };
    }

    private static String toolResultText(JsonNode content, String path) {
        return JsonFields.joinedText(content, path, "a string or an array of content blocks", (block, type, p) -> {
            if (!type.equals("text")) {
                throw new InvalidRequestException(at(p, "type") + " \"" + type + "\" is not supported in tool results; "
                        + "use text blocks", at(p, "type"));
            }
            return requiredString(block, p, "text");
        });
    }

    private static List<ToolSpec> tools(ObjectNode body) {
        return JsonFields.eachObject(body, "tools", (t, p) -> {
            String type = optionalString(t, p, "type");
            if (type != null && !type.equals("custom")) {
                throw new InvalidRequestException(at(p, "type") + " \"" + type + "\" is not supported; Clawgate runs "
                        + "no server tools, only client tools with name and input_schema", at(p, "type"));
            }
            return new ToolSpec(requiredString(t, p, "name"), optionalString(t, p, "description"),
                    requireObject(t.get("input_schema"), at(p, "input_schema")), cacheControl(t, p));
        });
    }

    private static ToolChoice toolChoice(ObjectNode body) {
        ObjectNode tc = optionalObject(body, "", "tool_choice");
        if (tc == null) {
            return null;
        }
        String type = requiredString(tc, "tool_choice", "type");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.named(requiredString(tc, "tool_choice", "name"));
            default -> throw new InvalidRequestException("tool_choice.type must be auto, any, tool or none, got \"" + type
                    + "\"", "tool_choice.type");
        };
    }
}
