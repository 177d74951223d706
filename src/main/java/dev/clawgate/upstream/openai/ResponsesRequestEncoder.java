package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.codec.BodyExtras;
import dev.clawgate.upstream.codec.Compat;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.OutputLimit;
import dev.clawgate.upstream.codec.ReasoningEffort;
import dev.clawgate.upstream.codec.TextOnlyInput;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolChoice;
import dev.clawgate.wire.ToolSpec;
import java.util.List;

/**
 * Encodes a canonical request as a Responses body. The whole conversation is sent each turn (no
 * {@code previous_response_id}), so the call is stateless and fails over cleanly.
 *
 * <p>The system prompt goes in {@code instructions} unless {@code compat.supportsInstructions} is false
 * (then a {@code system} message, {@code developer} on api.openai.com with {@code supportsDeveloperRole}).
 * Reasoning replay: a signature that is a Responses reasoning item (what {@link ResponsesStreamDecoder}
 * emits for encrypted reasoning) is sent back verbatim; plain reasoning text is replayed as a
 * {@code reasoning_text} item to open-model servers only, since api.openai.com needs the item id.
 */
public final class ResponsesRequestEncoder {

    public ObjectNode encode(ChatRequest request, ModelSpec model) {
        ObjectNode body = Json.object();
        body.put("model", model.id());
        boolean openAi = Endpoints.isOpenAi(model.provider());
        ArrayNode input = Json.MAPPER.createArrayNode();
        if (request.system() != null && !request.system().isBlank()) {
            if (Compat.flag(model, "supportsInstructions", true)) {
                body.put("instructions", request.system());
            } else {
                boolean developer = openAi && Compat.isSet(model, "supportsDeveloperRole");
                input.addObject().put("type", "message").put("role", developer ? "developer" : "system")
                        .put("content", request.system());
            }
        }
        for (Message m : TextOnlyInput.apply(request.messages(), model)) {
            switch (m.role()) {
                case USER -> user(m, input);
                case ASSISTANT -> assistant(m, openAi, input);
                case TOOL -> toolResults(m.parts(), input);
            }
        }
        body.set("input", input);
        body.put("stream", true);
        Integer limit = OutputLimit.of(request, model);
        if (limit != null) {
            body.put("max_output_tokens", limit);
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.tools().isEmpty() && Compat.flag(model, "supportsTools", true)) {
            body.set("tools", tools(request.tools()));
            if (request.toolChoice() != null) {
                body.set("tool_choice", toolChoice(request.toolChoice()));
            }
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        String effort = ReasoningEffort.of(request, model);
        if (effort != null) {
            body.putObject("reasoning").put("effort", effort);
        }
        if (openAi && model.reasoning()) {
            // stateless: ask for encrypted reasoning so it can be replayed without server-side storage
            body.withObjectProperty("reasoning").put("summary", "auto");
            body.put("store", false);
            body.putArray("include").add("reasoning.encrypted_content");
        }
        if (request.store() != null) {
            body.put("store", request.store()); // the caller's word on storage is final
        }
        return BodyExtras.merge(body, model, request, ReasoningEffort.KEYS);
    }

    private static void user(Message m, ArrayNode input) {
        toolResults(m.parts(), input);
        List<Part> content = m.parts().stream().filter(p -> p instanceof Part.Text || p instanceof Part.Image).toList();
        if (content.isEmpty()) {
            return;
        }
        ObjectNode msg = input.addObject().put("type", "message").put("role", "user");
        if (content.stream().noneMatch(p -> p instanceof Part.Image)) {
            msg.put("content", m.text());
            return;
        }
        ArrayNode parts = msg.putArray("content");
        for (Part p : content) {
            if (p instanceof Part.Text t) {
                parts.addObject().put("type", "input_text").put("text", t.text());
            } else if (p instanceof Part.Image img) {
                parts.addObject().put("type", "input_image").put("image_url", TextOnlyInput.imageUrl(img));
            }
        }
    }

    private static void assistant(Message m, boolean openAi, ArrayNode input) {
        for (Part p : m.parts()) {
            if (p instanceof Part.Reasoning r) {
                reasoning(r, openAi, input);
            }
        }
        String text = m.text();
        if (!text.isEmpty()) {
            input.addObject().put("type", "message").put("role", "assistant").put("content", text);
        }
        for (Part p : m.parts()) {
            if (p instanceof Part.ToolCall c) {
                input.addObject().put("type", "function_call").put("call_id", c.id()).put("name", c.name())
                        .put("arguments", c.argumentsJson());
            }
        }
    }

    private static void reasoning(Part.Reasoning r, boolean openAi, ArrayNode input) {
        JsonNode item = r.signature() != null && r.signature().startsWith("{") ? Json.parseLenient(r.signature()) : null;
        if (item != null && item.isObject() && "reasoning".equals(Json.text(item, "type"))) {
            input.add(item);
        } else if (!openAi && r.text() != null && !r.text().isEmpty()) {
            ObjectNode reasoning = input.addObject().put("type", "reasoning");
            reasoning.putArray("summary");
            reasoning.putArray("content").addObject().put("type", "reasoning_text").put("text", r.text());
        }
    }

    private static void toolResults(List<Part> parts, ArrayNode input) {
        for (Part p : parts) {
            if (p instanceof Part.ToolResult r) {
                input.addObject().put("type", "function_call_output").put("call_id", r.toolCallId())
                        .put("output", r.contentWithErrorPrefix());
            }
        }
    }

    private static ArrayNode tools(List<ToolSpec> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ToolSpec t : tools) {
            ObjectNode fn = out.addObject().put("type", "function").put("name", t.name());
            if (t.description() != null) {
                fn.put("description", t.description());
            }
            fn.set("parameters", t.parameters() != null ? t.parameters() : Json.object().put("type", "object"));
        }
        return out;
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> Json.MAPPER.getNodeFactory().textNode("auto");
            case NONE -> Json.MAPPER.getNodeFactory().textNode("none");
            case REQUIRED -> Json.MAPPER.getNodeFactory().textNode("required");
            case NAMED -> Json.object().put("type", "function").put("name", choice.name());
        };
    }
}
