package dev.clawgate.gateway.openai;

import static dev.clawgate.gateway.JsonFields.at;
import static dev.clawgate.gateway.JsonFields.optionalArray;
import static dev.clawgate.gateway.JsonFields.optionalBoolean;
import static dev.clawgate.gateway.JsonFields.optionalNumber;
import static dev.clawgate.gateway.JsonFields.optionalObject;
import static dev.clawgate.gateway.JsonFields.optionalPositiveInt;
import static dev.clawgate.gateway.JsonFields.optionalString;
import static dev.clawgate.gateway.JsonFields.requireObject;
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

/** Responses request JSON to {@link ChatRequest}. */
final class ResponsesDecoder {

    private static final String[] PASS_THROUGH = {"text", "parallel_tool_calls", "reasoning", "seed"};

    private ResponsesDecoder() {}

    static ResponsesCall decode(JsonNode root) {
        return decode(root, null);
    }

    /** @param store stored answers for {@code previous_response_id}, or null when none are kept */
    static ResponsesCall decode(JsonNode root, ResponseStore store) {
        ObjectNode body = requireObject(root, "");
        String model = requiredString(body, "", "model");
        String previousId = null;
        if (JsonFields.present(body, "previous_response_id")) {
            previousId = requiredString(body, "", "previous_response_id");
            body = PreviousResponses.resolve(body, previousId, store);
        }
        List<Part.Text> system = new ArrayList<>();
        String instructions = optionalString(body, "", "instructions");
        if (instructions != null && !instructions.isEmpty()) {
            system.add(new Part.Text(instructions));
        }
        List<Message> messages = new ArrayList<>();
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw JsonFields.missing("input");
        }
        if (input.isTextual()) {
            messages.add(Message.user(input.textValue()));
        } else if (input.isArray()) {
            if (input.isEmpty()) {
                throw new InvalidRequestException("input must contain at least one item, got an empty array", "input");
            }
            new ItemReader(system, messages).read((ArrayNode) input);
        } else {
            throw wrongType("input", "a string or an array of input items", input);
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException("input must contain at least one user, assistant or tool item; got only "
                    + "system or developer messages", "input");
        }

        ObjectNode reasoning = optionalObject(body, "", "reasoning");
        ArrayNode include = optionalArray(body, "", "include");
        boolean encrypted = include != null && include.toString().contains("\"reasoning.encrypted_content\"");
        boolean summary = reasoning != null && JsonFields.present(reasoning, "summary")
                && !"none".equals(reasoning.get("summary").asText());
        boolean summaryOff = reasoning != null && "none".equals(reasoning.path("summary").asText());
        ObjectNode extras = Json.object();
        JsonFields.copyPresent(body, extras, PASS_THROUGH);
        ChatRequest request = new ChatRequest(model, null, messages,
                tools(body), toolChoice(body.get("tool_choice")), optionalPositiveInt(body, "", "max_output_tokens"),
                optionalNumber(body, "", "temperature"), optionalNumber(body, "", "top_p"), List.of(),
                optionalBoolean(body, "", "stream", false), optionalString(body, "", "user"),
                extras.isEmpty() ? null : extras, system, JsonFields.optionalBooleanOrNull(body, "", "store"),
                "max_output_tokens");
        // reasoning items by default (gateway.reasoning: drop removes them); as a summary when one was asked for
        boolean keep = store != null && !Boolean.FALSE.equals(request.store());
        return new ResponsesCall(request, body, !summaryOff || encrypted, encrypted, summary,
                keep ? new ResponsesCall.Storing(store, PreviousResponses.items(body.get("input")), previousId)
                        : new ResponsesCall.Storing(null, null, previousId));
    }

    /** Walks input items, merging consecutive assistant-side items (text, reasoning, calls) into one message. */
    private static final class ItemReader {
        private final List<Part.Text> system;
        private final List<Message> messages;
        private final Map<String, String> toolNames = new HashMap<>();
        private List<Part> assistant;

        ItemReader(List<Part.Text> system, List<Message> messages) {
            this.system = system;
            this.messages = messages;
        }

        void read(ArrayNode items) {
            for (int i = 0; i < items.size(); i++) {
                String path = at("input", i);
                ObjectNode item = requireObject(items.get(i), path);
                String type = optionalString(item, path, "type");
                if (type == null) {
                    type = "message"; // EasyInputMessage: {role, content}
                }
                switch (type) {
                    case "message" -> message(item, path);
                    case "function_call" -> {
                        String callId = requiredString(item, path, "call_id");
                        String name = requiredString(item, path, "name");
                        String args = optionalString(item, path, "arguments");
                        toolNames.put(callId, name);
                        assistantParts().add(new Part.ToolCall(callId, name, args == null || args.isEmpty() ? "{}" : args));
                    }
                    case "function_call_output" -> {
                        flushAssistant();
                        String callId = requiredString(item, path, "call_id");
                        String output = outputText(item.get("output"), at(path, "output"));
                        messages.add(new Message(Message.Role.TOOL,
                                List.of(new Part.ToolResult(callId, toolNames.get(callId), output, false))));
                    }
                    case "reasoning" -> assistantParts().add(reasoning(item, path));
                    default -> throw new InvalidRequestException(at(path, "type") + " \"" + type + "\" is not "
                            + "supported; use message, function_call, function_call_output or reasoning items",
                            at(path, "type"));
                }
            }
            flushAssistant();
        }

        private void message(ObjectNode item, String path) {
            String role = requiredString(item, path, "role");
            JsonNode content = item.get("content");
            String cpath = at(path, "content");
            switch (role) {
                case "system", "developer" -> system.add(new Part.Text(text(content, cpath)));
                case "assistant" -> {
                    String t = text(content, cpath);
                    if (!t.isEmpty()) {
                        assistantParts().add(new Part.Text(t));
                    }
                }
                case "user" -> {
                    flushAssistant();
                    messages.add(new Message(Message.Role.USER, userParts(content, cpath)));
                }
                default -> throw new InvalidRequestException(at(path, "role") + " must be one of user, assistant, "
                        + "system, developer, got \"" + role + "\"", at(path, "role"));
            }
        }

        private List<Part> assistantParts() {
            if (assistant == null) {
                assistant = new ArrayList<>();
            }
            return assistant;
        }

        private void flushAssistant() {
            if (assistant != null && !assistant.isEmpty()) {
                messages.add(new Message(Message.Role.ASSISTANT, assistant));
            }
            assistant = null;
        }
    }

    private static Part.Reasoning reasoning(ObjectNode item, String path) {
        StringBuilder sb = new StringBuilder();
        for (String field : new String[] {"content", "summary"}) {
            ArrayNode parts = optionalArray(item, path, field);
            if (parts != null && sb.isEmpty()) {
                for (JsonNode p : parts) {
                    if (p.hasNonNull("text")) {
                        sb.append(p.get("text").asText());
                    }
                }
            }
        }
        return new Part.Reasoning(sb.toString(), optionalString(item, path, "encrypted_content"), false);
    }

    /** Text-only content: a string or an array of input_text / output_text parts. */
    private static String text(JsonNode content, String path) {
        return JsonFields.joinedText(content, path, "a string or an array of content parts", (part, type, p) ->
                switch (type) {
                    case "input_text", "output_text", "text" -> requiredString(part, p, "text");
                    case "refusal" -> requiredString(part, p, "refusal");
                    default -> throw new InvalidRequestException(at(p, "type") + " must be a text part here, got \""
                            + type + "\"", at(p, "type"));
                });
    }

    private static String outputText(JsonNode output, String path) {
        if (output == null || output.isNull()) {
            throw JsonFields.missing(path);
        }
        return text(output, path);
    }

    private static List<Part> userParts(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw JsonFields.missing(path);
        }
        return JsonFields.typedParts(content, path, "a string or an array of content parts", Part.Text::new,
                (part, type, p) -> switch (type) {
                    case "input_text", "text" -> new Part.Text(requiredString(part, p, "text"));
                    case "input_image" -> {
                        String url = optionalString(part, p, "image_url");
                        if (url == null) {
                            throw new InvalidRequestException(at(p, "image_url") + " is required (file_id is not "
                                    + "supported: Clawgate stores no files)", at(p, "image_url"));
                        }
                        yield ChatCompletionsDecoder.image(url);
                    }
                    default -> throw new InvalidRequestException(at(p, "type") + " \"" + type + "\" is not supported; use "
                            + "\"input_text\" or \"input_image\"", at(p, "type"));
                });
    }

    private static List<ToolSpec> tools(ObjectNode body) {
        return JsonFields.eachObject(body, "tools", (t, p) -> {
            OpenAiToolChoice.requireFunctionType(t, p);
            return new ToolSpec(requiredString(t, p, "name"), optionalString(t, p, "description"), t.get("parameters"));
        });
    }

    private static ToolChoice toolChoice(JsonNode n) {
        return OpenAiToolChoice.parse(n, "{\"type\":\"function\",\"name\":...}",
                o -> requiredString(o, "tool_choice", "name"));
    }
}
