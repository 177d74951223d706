package dev.clawgate.upstream.openai;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a canonical request as a Chat Completions body, shaped by the model's catalog entry and
 * {@code compat} flags: {@code maxTokensField}, {@code supportsDeveloperRole} (honoured only on
 * api.openai.com: other hosts reject the role), {@code supportsUsageInStreaming},
 * {@code supportsReasoningEffort}, {@code supportsTools}, {@code requiresStringContent},
 * {@code requiresToolResultName}, {@code requiresReasoningContentOnAssistantMessages}.
 *
 * <p>Several system blocks become one system message (many local chat templates accept only one), joined
 * the same way each turn so that servers with automatic prefix caching keep hitting it. Prompt-cache
 * breakpoints go out as {@code cache_control} on text parts only to OpenRouter, which passes them to
 * providers with explicit caching; other servers cache by prefix on their own.
 */
public final class ChatCompletionsRequestEncoder {

    public ObjectNode encode(ChatRequest request, ModelSpec model) {
        ObjectNode body = Json.object();
        body.put("model", model.id());
        body.set("messages", messages(request, model));
        body.put("stream", true);
        if (requestsStreamUsage(model)) {
            body.putObject("stream_options").put("include_usage", true);
        }
        Integer limit = OutputLimit.of(request, model);
        if (limit != null) {
            body.put(maxTokensField(model, request), limit);
        }
        if (request.store() != null && Endpoints.isOpenAi(model.provider())) {
            body.put("store", request.store()); // OpenAI's own field; other servers reject or ignore it
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
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
        if (effort != null && Compat.flag(model, "supportsReasoningEffort", true)) {
            body.put("reasoning_effort", effort);
        }
        return BodyExtras.merge(body, model, request, ReasoningEffort.KEYS);
    }

    /**
     * {@code stream_options.include_usage}: the catalog decides; without a flag, loopback/LAN servers,
     * OpenAI and OpenRouter get it, unknown remote endpoints do not (some reject the field).
     */
    static boolean requestsStreamUsage(ModelSpec model) {
        String host = Endpoints.host(model.provider());
        boolean knownToSupport = model.provider().isLocal() || host.equals("api.openai.com")
                || host.equals("openrouter.ai");
        return Compat.flag(model, "supportsUsageInStreaming", knownToSupport);
    }

    /**
     * The catalog's {@code compat.maxTokensField}; else {@code max_completion_tokens} for api.openai.com
     * (its reasoning models reject {@code max_tokens}) and for callers that used that name themselves
     * (they may be talking to such a model through a proxy); else {@code max_tokens}.
     */
    static String maxTokensField(ModelSpec model, ChatRequest request) {
        String field = Compat.string(model, "maxTokensField");
        if (field != null) {
            return field;
        }
        return Endpoints.isOpenAi(model.provider()) || "max_completion_tokens".equals(request.maxTokensField())
                ? "max_completion_tokens" : "max_tokens";
    }

    private static ArrayNode messages(ChatRequest request, ModelSpec model) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        boolean breakpoints = carriesCacheBreakpoints(model); // once: it parses the provider's URL
        if (request.system() != null && !request.system().isBlank()) {
            boolean developer = Compat.isSet(model, "supportsDeveloperRole") && Endpoints.isOpenAi(model.provider());
            ObjectNode system = out.addObject().put("role", developer ? "developer" : "system");
            if (breakpoints && request.systemBlocks().stream().anyMatch(b -> b.cacheControl() != null)) {
                ArrayNode parts = system.putArray("content");
                request.systemBlocks().forEach(b -> textPart(parts, b));
            } else {
                system.put("content", request.system());
            }
        }
        for (Message m : TextOnlyInput.apply(request.messages(), model)) {
            switch (m.role()) {
                case USER -> user(m, model, breakpoints, out);
                case ASSISTANT -> assistant(m, model, out);
                case TOOL -> toolResults(m.parts(), model, out);
            }
        }
        return out;
    }

    private static void user(Message m, ModelSpec model, boolean breakpoints, ArrayNode out) {
        toolResults(m.parts(), model, out); // results some inbound APIs carry in user turns go first
        List<Part> content = m.parts().stream().filter(p -> p instanceof Part.Text || p instanceof Part.Image).toList();
        if (content.isEmpty()) {
            return;
        }
        ObjectNode msg = out.addObject().put("role", "user");
        boolean hasImage = content.stream().anyMatch(p -> p instanceof Part.Image);
        boolean breakpoint = breakpoints
                && content.stream().anyMatch(p -> p instanceof Part.Text t && t.cacheControl() != null);
        if ((!hasImage && !breakpoint) || Compat.isSet(model, "requiresStringContent")) {
            msg.put("content", m.text());
            return;
        }
        ArrayNode parts = msg.putArray("content");
        for (Part p : content) {
            if (p instanceof Part.Text t) {
                textPart(parts, breakpoint ? t : new Part.Text(t.text()));
            } else if (p instanceof Part.Image img) {
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", TextOnlyInput.imageUrl(img));
            }
        }
    }

    /** OpenRouter takes Anthropic-style {@code cache_control} on text parts and passes it on. */
    private static boolean carriesCacheBreakpoints(ModelSpec model) {
        return Endpoints.host(model.provider()).equals("openrouter.ai");
    }

    private static void textPart(ArrayNode parts, Part.Text t) {
        ObjectNode part = parts.addObject().put("type", "text").put("text", t.text());
        if (t.cacheControl() != null) {
            part.set("cache_control", t.cacheControl().deepCopy());
        }
    }

    private static void assistant(Message m, ModelSpec model, ArrayNode out) {
        String text = m.text();
        List<Part.ToolCall> calls = new ArrayList<>();
        StringBuilder reasoning = new StringBuilder();
        for (Part p : m.parts()) {
            if (p instanceof Part.ToolCall c) {
                calls.add(c);
            } else if (p instanceof Part.Reasoning r && r.text() != null) {
                reasoning.append(r.text());
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return; // an empty assistant turn is rejected by several servers and tells the model nothing
        }
        ObjectNode msg = out.addObject().put("role", "assistant");
        // "" rather than null: local chat templates concatenate content and break on None
        msg.put("content", text);
        if (!reasoning.isEmpty() && Compat.isSet(model, "requiresReasoningContentOnAssistantMessages")) {
            msg.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = msg.putArray("tool_calls");
            for (Part.ToolCall c : calls) {
                ObjectNode call = toolCalls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
            }
        }
    }

    private static void toolResults(List<Part> parts, ModelSpec model, ArrayNode out) {
        for (Part p : parts) {
            if (p instanceof Part.ToolResult r) {
                ObjectNode msg = out.addObject().put("role", "tool").put("tool_call_id", r.toolCallId());
                if (Compat.isSet(model, "requiresToolResultName") && r.name() != null) {
                    msg.put("name", r.name());
                }
                msg.put("content", r.contentWithErrorPrefix());
            }
        }
    }

    static ArrayNode tools(List<ToolSpec> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ToolSpec t : tools) {
            ObjectNode fn = out.addObject().put("type", "function").putObject("function").put("name", t.name());
            if (t.description() != null) {
                fn.put("description", t.description());
            }
            fn.set("parameters", t.parameters() != null ? t.parameters() : Json.object().put("type", "object"));
        }
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode toolChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> Json.MAPPER.getNodeFactory().textNode("auto");
            case NONE -> Json.MAPPER.getNodeFactory().textNode("none");
            case REQUIRED -> Json.MAPPER.getNodeFactory().textNode("required");
            case NAMED -> {
                ObjectNode named = Json.object().put("type", "function");
                named.putObject("function").put("name", choice.name());
                yield named;
            }
        };
    }
}
