package dev.clawgate.upstream.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.codec.BodyExtras;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.OutputLimit;
import dev.clawgate.upstream.codec.ReasoningEffort;
import dev.clawgate.upstream.codec.TextOnlyInput;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolSpec;
import java.util.List;
import java.util.Locale;

/**
 * Encodes a canonical request as an Ollama {@code /api/chat} body.
 *
 * <p>{@code options.num_ctx} is always sent: without it Ollama silently truncates to its small default
 * window, and with an advertised window of 128k-262k it allocates more KV cache than most GPUs hold (an
 * OpenClaw failure users hit). It comes from {@code params.num_ctx}, else the model's effective window,
 * else {@value #FALLBACK_NUM_CTX} when the catalog only has the generic default.
 */
public final class OllamaRequestEncoder {

    static final int FALLBACK_NUM_CTX = 8192;

    public ObjectNode encode(ChatRequest request, ModelSpec model) {
        ObjectNode body = Json.object();
        body.put("model", model.id());
        body.set("messages", messages(request, model));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : request.tools()) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function").put("name", t.name());
                if (t.description() != null) {
                    fn.put("description", t.description());
                }
                fn.set("parameters", t.parameters() != null ? t.parameters() : Json.object().put("type", "object"));
            }
        }
        body.put("stream", true);
        if (model.reasoning()) {
            body.set("think", think(ReasoningEffort.of(request, model), model));
        }
        ObjectNode options = body.putObject("options");
        options.put("num_ctx", numCtx(model));
        Integer limit = OutputLimit.of(request, model);
        if (limit != null) {
            options.put("num_predict", limit);
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            options.put("top_p", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            request.stop().forEach(stop::add);
        }
        BodyExtras.merge(body, model, request, ReasoningEffort.KEYS);
        JsonNode topLevelNumCtx = body.remove("num_ctx"); // OpenClaw-style params.num_ctx belongs in options
        if (topLevelNumCtx != null) {
            body.withObjectProperty("options").set("num_ctx", topLevelNumCtx);
        }
        return body;
    }

    static int numCtx(ModelSpec model) {
        boolean onlyDefault = model.contextTokens() == null && model.contextWindow() == ModelSpec.DEFAULT_CONTEXT_WINDOW;
        return onlyDefault || model.effectiveContextWindow() <= 0 ? FALLBACK_NUM_CTX : model.effectiveContextWindow();
    }

    /** {@code think}: on for reasoning models; gpt-oss takes a level instead of a boolean; "none" turns it off. */
    private static JsonNode think(String effort, ModelSpec model) {
        var nodes = Json.MAPPER.getNodeFactory();
        if (effort == null) {
            return nodes.booleanNode(true);
        }
        if (effort.equals("none")) {
            return nodes.booleanNode(false);
        }
        boolean levels = model.id().toLowerCase(Locale.ROOT).contains("gpt-oss");
        return levels && List.of("low", "medium", "high").contains(effort) ? nodes.textNode(effort) : nodes.booleanNode(true);
    }

    private static ArrayNode messages(ChatRequest request, ModelSpec model) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (request.system() != null && !request.system().isBlank()) {
            out.addObject().put("role", "system").put("content", request.system());
        }
        for (Message m : TextOnlyInput.apply(request.messages(), model)) {
            toolResults(m.parts(), out);
            switch (m.role()) {
                case USER -> user(m, out);
                case ASSISTANT -> assistant(m, out);
                case TOOL -> { }
            }
        }
        return out;
    }

    private static void user(Message m, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        ArrayNode images = Json.MAPPER.createArrayNode();
        for (Part p : m.parts()) {
            if (p instanceof Part.Text t) {
                text.append(t.text());
            } else if (p instanceof Part.Image img) {
                if (img.data() != null) {
                    images.add(img.data());
                } else {
                    text.append("[image omitted: Ollama takes inline images only]");
                }
            }
        }
        if (text.isEmpty() && images.isEmpty()) {
            return;
        }
        ObjectNode msg = out.addObject().put("role", "user").put("content", text.toString());
        if (!images.isEmpty()) {
            msg.set("images", images);
        }
    }

    private static void assistant(Message m, ArrayNode out) {
        StringBuilder thinking = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Part p : m.parts()) {
            if (p instanceof Part.Reasoning r && r.text() != null) {
                thinking.append(r.text());
            } else if (p instanceof Part.ToolCall c) {
                calls.addObject().putObject("function").put("name", c.name())
                        .set("arguments", Json.parseLenient(c.argumentsJson()));
            }
        }
        String text = m.text();
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        ObjectNode msg = out.addObject().put("role", "assistant").put("content", text);
        if (!thinking.isEmpty()) {
            msg.put("thinking", thinking.toString());
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
    }

    private static void toolResults(List<Part> parts, ArrayNode out) {
        for (Part p : parts) {
            if (p instanceof Part.ToolResult r) {
                ObjectNode msg = out.addObject().put("role", "tool").put("content", r.contentWithErrorPrefix());
                if (r.name() != null) {
                    msg.put("tool_name", r.name());
                }
            }
        }
    }
}
