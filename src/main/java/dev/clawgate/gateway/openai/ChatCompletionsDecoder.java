package dev.clawgate.gateway.openai;

import static dev.clawgate.gateway.JsonFields.at;
import static dev.clawgate.gateway.JsonFields.optionalArray;
import static dev.clawgate.gateway.JsonFields.optionalBoolean;
import static dev.clawgate.gateway.JsonFields.optionalNumber;
import static dev.clawgate.gateway.JsonFields.optionalObject;
import static dev.clawgate.gateway.JsonFields.optionalPositiveInt;
import static dev.clawgate.gateway.JsonFields.optionalString;
import static dev.clawgate.gateway.JsonFields.requireObject;
import static dev.clawgate.gateway.JsonFields.requiredNonEmptyArray;
import static dev.clawgate.gateway.JsonFields.requiredString;

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

/** Chat Completions request JSON to {@link ChatRequest}. */
final class ChatCompletionsDecoder {

    /** Body fields passed on to the upstream as they are (canonical {@code extras}). */
    private static final String[] PASS_THROUGH = {"frequency_penalty", "presence_penalty", "seed", "response_format",
        "logit_bias", "parallel_tool_calls", "reasoning_effort"};

    private ChatCompletionsDecoder() {}

    static ChatCompletionsCall decode(JsonNode root) {
        ObjectNode body = requireObject(root, "");
        String model = requiredString(body, "", "model");
        ArrayNode rawMessages = requiredNonEmptyArray(body, "", "messages", "message");

        List<Part.Text> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>(); // tool_call_id -> function name, for tool results
        for (int i = 0; i < rawMessages.size(); i++) {
            String path = at("messages", i);
            ObjectNode m = requireObject(rawMessages.get(i), path);
            String role = requiredString(m, path, "role");
            switch (role) {
                case "system", "developer" -> system.add(new Part.Text(textContent(m.get("content"), at(path, "content")),
                        lastCacheControl(m.get("content"))));
                case "user" -> messages.add(new Message(Message.Role.USER, userParts(m.get("content"), at(path, "content"))));
                case "assistant" -> messages.add(assistant(m, path, toolNames));
                case "tool" -> {
                    String id = requiredString(m, path, "tool_call_id");
                    String content = textContent(m.get("content"), at(path, "content"));
                    messages.add(new Message(Message.Role.TOOL,
                            List.of(new Part.ToolResult(id, toolNames.get(id), content, false))));
                }
                case "function" -> { // legacy function-calling result: the name is the only key
                    String name = requiredString(m, path, "name");
                    String content = textContent(m.get("content"), at(path, "content"));
                    messages.add(new Message(Message.Role.TOOL, List.of(new Part.ToolResult(name, name, content, false))));
                }
                default -> throw new InvalidRequestException(at(path, "role") + " must be one of system, developer, "
                        + "user, assistant, tool, got \"" + role + "\"", at(path, "role"));
            }
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException("messages must contain at least one user, assistant or tool message; "
                    + "got only system messages", "messages");
        }

        Integer maxTokens = optionalPositiveInt(body, "", "max_completion_tokens");
        String maxTokensField = maxTokens != null ? "max_completion_tokens" : null;
        if (maxTokens == null) {
            maxTokens = optionalPositiveInt(body, "", "max_tokens");
            maxTokensField = maxTokens != null ? "max_tokens" : null;
        }
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.intValue() == 1)) {
            throw new InvalidRequestException("n must be 1: Clawgate returns one choice per request", "n");
        }
        boolean stream = optionalBoolean(body, "", "stream", false);
        ObjectNode streamOptions = optionalObject(body, "", "stream_options");
        boolean includeUsage = streamOptions != null && optionalBoolean(streamOptions, "stream_options", "include_usage", false);
        // reasoning goes to its own field unless the client opts out (gateway.reasoning: drop removes it upstream of this)
        boolean includeReasoning = optionalBoolean(body, "", "include_reasoning", true);
        String reasoningFormat = optionalString(body, "", "reasoning_format");
        String reasoningField = !includeReasoning ? null
                : "reasoning".equals(reasoningFormat) ? "reasoning" : "reasoning_content";

        ObjectNode extras = Json.object();
        JsonFields.copyPresent(body, extras, PASS_THROUGH);
        ChatRequest request = new ChatRequest(model, null, messages,
                tools(body), toolChoice(body.get("tool_choice")), maxTokens, optionalNumber(body, "", "temperature"),
                optionalNumber(body, "", "top_p"), JsonFields.stringOrStrings(body, "", "stop"), stream,
                optionalString(body, "", "user"), extras.isEmpty() ? null : extras, system,
                JsonFields.optionalBooleanOrNull(body, "", "store"), maxTokensField);
        return new ChatCompletionsCall(request, includeUsage, reasoningField);
    }

    /**
     * The {@code cache_control} of the last content part (the convention OpenRouter passes on to providers
     * with explicit prompt caching), or null.
     */
    static ObjectNode lastCacheControl(JsonNode content) {
        if (content != null && content.isArray() && !content.isEmpty()
                && content.get(content.size() - 1).get("cache_control") instanceof ObjectNode marker) {
            return marker;
        }
        return null;
    }

    /** Content that may only hold text: a string or an array of text parts. */
    static String textContent(JsonNode content, String path) {
        return JsonFields.joinedText(content, path, "a string or an array of text parts", (part, type, p) -> {
            if (!type.equals("text")) {
                throw new InvalidRequestException(at(p, "type") + " must be \"text\" here, got \"" + type + "\"",
                        at(p, "type"));
            }
            return requiredString(part, p, "text");
        });
    }

    private static List<Part> userParts(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw JsonFields.missing(path);
        }
        return JsonFields.typedParts(content, path, "a string or an array of content parts", Part.Text::new,
                (part, type, p) -> switch (type) {
                    case "text" -> new Part.Text(requiredString(part, p, "text"),
                            part.get("cache_control") instanceof ObjectNode marker ? marker : null);
                    case "image_url" -> {
                        JsonNode img = part.get("image_url");
                        yield image(img != null && img.isTextual() ? img.textValue()
                                : requiredString(requireObject(img, at(p, "image_url")), at(p, "image_url"), "url"));
                    }
                    default -> throw new InvalidRequestException(at(p, "type") + " \"" + type + "\" is not supported; "
                            + "use \"text\" or \"image_url\"", at(p, "type"));
                });
    }

    /** A data URI becomes inline base64; anything else stays a URL. */
    static Part.Image image(String url) {
        if (url.startsWith("data:")) {
            int semi = url.indexOf(';');
            int comma = url.indexOf(',');
            if (semi > 5 && comma > semi && url.substring(semi, comma).contains("base64")) {
                return new Part.Image(url.substring(5, semi), url.substring(comma + 1), null);
            }
        }
        return new Part.Image(null, null, url);
    }

    private static Message assistant(ObjectNode m, String path, Map<String, String> toolNames) {
        List<Part> parts = new ArrayList<>();
        String reasoning = optionalString(m, path, "reasoning_content");
        if (reasoning == null) {
            reasoning = optionalString(m, path, "reasoning");
        }
        if (reasoning != null && !reasoning.isEmpty()) {
            parts.add(new Part.Reasoning(reasoning, null, false));
        }
        String text = textContent(m.get("content"), at(path, "content"));
        if (!text.isEmpty()) {
            parts.add(new Part.Text(text));
        }
        ArrayNode calls = optionalArray(m, path, "tool_calls");
        if (calls != null) {
            for (int i = 0; i < calls.size(); i++) {
                String p = at(at(path, "tool_calls"), i);
                ObjectNode call = requireObject(calls.get(i), p);
                String id = requiredString(call, p, "id");
                ObjectNode fn = requireObject(call.get("function"), at(p, "function"));
                String name = requiredString(fn, at(p, "function"), "name");
                String args = optionalString(fn, at(p, "function"), "arguments");
                toolNames.put(id, name);
                parts.add(new Part.ToolCall(id, name, args == null || args.isEmpty() ? "{}" : args));
            }
        }
        return new Message(Message.Role.ASSISTANT, parts);
    }

    private static List<ToolSpec> tools(ObjectNode body) {
        return JsonFields.eachObject(body, "tools", (t, p) -> {
            OpenAiToolChoice.requireFunctionType(t, p);
            ObjectNode fn = requireObject(t.get("function"), at(p, "function"));
            return new ToolSpec(requiredString(fn, at(p, "function"), "name"),
                    optionalString(fn, at(p, "function"), "description"), fn.get("parameters"));
        });
    }

    private static ToolChoice toolChoice(JsonNode n) {
        return OpenAiToolChoice.parse(n, "{\"type\":\"function\",\"function\":{\"name\":...}}",
                o -> requiredString(requireObject(o.get("function"), "tool_choice.function"), "tool_choice.function", "name"));
    }
}
