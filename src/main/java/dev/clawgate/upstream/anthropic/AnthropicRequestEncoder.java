package dev.clawgate.upstream.anthropic;

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
import dev.clawgate.wire.ToolChoice;
import dev.clawgate.wire.ToolSpec;
import java.util.List;

/**
 * Encodes a canonical request as an Anthropic Messages body. {@code max_tokens} is mandatory (request,
 * capped by the catalog, else {@value #DEFAULT_MAX_TOKENS}). Tool results travel as {@code tool_result}
 * blocks in a user turn: consecutive tool-result messages (one per result in the OpenAI APIs) share one
 * user turn, as Anthropic wants every result of a tool-use turn in the next message; other message
 * boundaries and the system blocks are kept as the caller sent them (Anthropic joins consecutive turns of
 * one role itself). Prompt-cache breakpoints ({@code cache_control}) are emitted where the caller set
 * them: system blocks, tool definitions and content blocks. Thinking is
 * replayed only with its signature (Anthropic rejects unsigned or foreign thinking blocks); a reasoning
 * effort turns on extended thinking with a token budget, which also means leaving out temperature/top_p.
 */
public final class AnthropicRequestEncoder {

    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int MIN_THINKING_BUDGET = 1024;

    public ObjectNode encode(ChatRequest request, ModelSpec model) {
        ObjectNode body = Json.object();
        body.put("model", model.id());
        Integer limit = OutputLimit.of(request, model);
        int maxTokens = limit != null ? limit : DEFAULT_MAX_TOKENS;
        body.put("max_tokens", maxTokens);
        if (request.system() != null && !request.system().isBlank()) {
            body.set("system", system(request.systemBlocks()));
        }
        body.set("messages", messages(request, model));
        if (!request.tools().isEmpty()) {
            body.set("tools", tools(request.tools()));
            if (request.toolChoice() != null) {
                body.set("tool_choice", toolChoice(request.toolChoice()));
            }
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        Integer budget = thinkingBudget(ReasoningEffort.of(request, model), maxTokens);
        if (budget != null) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        } else {
            if (request.temperature() != null) {
                body.put("temperature", request.temperature());
            }
            if (request.topP() != null) {
                body.put("top_p", request.topP());
            }
        }
        if (request.user() != null) {
            body.putObject("metadata").put("user_id", request.user());
        }
        body.put("stream", true);
        return BodyExtras.merge(body, model, request, ReasoningEffort.KEYS);
    }

    /** The thinking budget for an effort, kept below max_tokens; null for no thinking. */
    static Integer thinkingBudget(String effort, int maxTokens) {
        if (effort == null) {
            return null;
        }
        int budget = switch (effort) {
            case "none" -> 0;
            case "minimal", "low" -> 2048;
            case "medium" -> 8192;
            case "high" -> 16384;
            default -> 32000; // xhigh and anything larger
        };
        budget = Math.min(budget, maxTokens - 1);
        return budget >= MIN_THINKING_BUDGET ? budget : null;
    }

    /** One plain string when a single block has no breakpoint (what most callers send), else text blocks. */
    private static com.fasterxml.jackson.databind.JsonNode system(List<Part.Text> blocks) {
        if (blocks.size() == 1 && blocks.get(0).cacheControl() == null) {
            return Json.MAPPER.getNodeFactory().textNode(blocks.get(0).text());
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Part.Text t : blocks) {
            cacheControl(out.addObject().put("type", "text").put("text", t.text()), t.cacheControl());
        }
        return out;
    }

    private static void cacheControl(ObjectNode block, ObjectNode marker) {
        if (marker != null) {
            block.set("cache_control", marker.deepCopy());
        }
    }

    private static ArrayNode messages(ChatRequest request, ModelSpec model) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        ArrayNode toolResultTurn = null; // the user turn the previous tool-result message went into
        for (Message m : TextOnlyInput.apply(request.messages(), model)) {
            String role = m.role() == Message.Role.ASSISTANT ? "assistant" : "user";
            ArrayNode blocks = Json.MAPPER.createArrayNode();
            if (m.role() == Message.Role.ASSISTANT) {
                assistantBlocks(m.parts(), blocks);
            } else {
                userBlocks(m.parts(), blocks);
            }
            if (blocks.isEmpty()) {
                continue;
            }
            if (m.role() == Message.Role.TOOL && toolResultTurn != null) {
                toolResultTurn.addAll(blocks);
                continue;
            }
            ArrayNode content = out.addObject().put("role", role).putArray("content");
            content.addAll(blocks);
            toolResultTurn = m.role() == Message.Role.TOOL ? content : null;
        }
        return out;
    }

    private static void userBlocks(List<Part> parts, ArrayNode blocks) {
        for (Part p : parts) { // tool results first: Anthropic wants them at the start of the user turn
            if (p instanceof Part.ToolResult r) {
                ObjectNode block = blocks.addObject().put("type", "tool_result").put("tool_use_id", r.toolCallId())
                        .put("content", r.content());
                if (r.isError()) {
                    block.put("is_error", true);
                }
                cacheControl(block, r.cacheControl());
            }
        }
        for (Part p : parts) {
            if (p instanceof Part.Text t && !t.text().isEmpty()) {
                cacheControl(blocks.addObject().put("type", "text").put("text", t.text()), t.cacheControl());
            } else if (p instanceof Part.Image img) {
                ObjectNode image = blocks.addObject().put("type", "image");
                ObjectNode source = image.putObject("source");
                if (img.data() != null) {
                    source.put("type", "base64").put("media_type", img.mediaType()).put("data", img.data());
                } else {
                    source.put("type", "url").put("url", img.url());
                }
                cacheControl(image, img.cacheControl());
            }
        }
    }

    private static void assistantBlocks(List<Part> parts, ArrayNode blocks) {
        for (Part p : parts) {
            if (p instanceof Part.Reasoning r && isAnthropicSignature(r.signature())) {
                if (r.redacted()) {
                    blocks.addObject().put("type", "redacted_thinking").put("data", r.signature());
                } else {
                    blocks.addObject().put("type", "thinking").put("thinking", r.text() == null ? "" : r.text())
                            .put("signature", r.signature());
                }
            }
        }
        for (Part p : parts) {
            if (p instanceof Part.Text t && !t.text().isEmpty()) {
                cacheControl(blocks.addObject().put("type", "text").put("text", t.text()), t.cacheControl());
            }
        }
        for (Part p : parts) {
            if (p instanceof Part.ToolCall c) {
                ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                use.set("input", Json.parseLenient(c.argumentsJson()));
                cacheControl(use, c.cacheControl());
            }
        }
    }

    /** Signatures from other APIs (a Responses reasoning item is JSON) would make Anthropic reject the call. */
    private static boolean isAnthropicSignature(String signature) {
        return signature != null && !signature.isEmpty() && !signature.startsWith("{");
    }

    private static ArrayNode tools(List<ToolSpec> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ToolSpec t : tools) {
            ObjectNode tool = out.addObject().put("name", t.name());
            if (t.description() != null) {
                tool.put("description", t.description());
            }
            tool.set("input_schema", t.parameters() != null ? t.parameters() : Json.object().put("type", "object"));
            cacheControl(tool, t.cacheControl());
        }
        return out;
    }

    private static ObjectNode toolChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> Json.object().put("type", "auto");
            case NONE -> Json.object().put("type", "none");
            case REQUIRED -> Json.object().put("type", "any");
            case NAMED -> Json.object().put("type", "tool").put("name", choice.name());
        };
    }
}
