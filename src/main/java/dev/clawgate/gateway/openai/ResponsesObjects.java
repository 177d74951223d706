package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.Usage;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Builders for the Responses API's response object and output items, with the field set the SDKs read. */
final class ResponsesObjects {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ResponsesObjects() {}

    static String newId(String prefix) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /**
     * The response object. {@code request} is the raw request body, whose settings are echoed back as
     * OpenAI does.
     */
    static ObjectNode response(String id, ResponseMeta meta, ObjectNode request, String status, ArrayNode output,
            Usage usage, ObjectNode error, String incompleteReason) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", meta.createdEpochSeconds());
        r.put("status", status);
        r.put("background", false);
        r.set("error", error);
        if (incompleteReason != null) {
            r.putObject("incomplete_details").put("reason", incompleteReason);
        } else {
            r.putNull("incomplete_details");
        }
        r.set("instructions", echo(request, "instructions"));
        r.set("max_output_tokens", echo(request, "max_output_tokens"));
        r.put("model", meta.model());
        r.set("output", output != null ? output : Json.MAPPER.createArrayNode());
        r.put("parallel_tool_calls", !request.has("parallel_tool_calls") || request.get("parallel_tool_calls").asBoolean(true));
        r.putNull("previous_response_id");
        ObjectNode reasoning = r.putObject("reasoning");
        JsonNode askedReasoning = request.get("reasoning");
        reasoning.set("effort", askedReasoning != null ? echo((ObjectNode) askedReasoning, "effort") : null);
        reasoning.set("summary", askedReasoning != null ? echo((ObjectNode) askedReasoning, "summary") : null);
        r.put("store", false);
        r.set("temperature", echo(request, "temperature"));
        r.putObject("text").putObject("format").put("type", "text");
        r.set("tool_choice", request.hasNonNull("tool_choice") ? request.get("tool_choice") : Json.MAPPER.getNodeFactory().textNode("auto"));
        r.set("tools", request.hasNonNull("tools") ? request.get("tools") : Json.MAPPER.createArrayNode());
        r.set("top_p", echo(request, "top_p"));
        r.put("truncation", "disabled");
        r.set("usage", usage != null ? usage(usage) : null);
        r.set("user", echo(request, "user"));
        r.set("metadata", request.hasNonNull("metadata") ? request.get("metadata") : Json.object());
        return r;
    }

    private static JsonNode echo(ObjectNode request, String field) {
        JsonNode n = request.get(field);
        return n != null ? n : Json.MAPPER.getNodeFactory().nullNode();
    }

    static String status(StopReason reason) {
        return reason == StopReason.LENGTH || reason == StopReason.CONTENT_FILTER ? "incomplete" : "completed";
    }

    static String incompleteReason(StopReason reason) {
        return switch (reason) {
            case LENGTH -> "max_output_tokens";
            case CONTENT_FILTER -> "content_filter";
            default -> null;
        };
    }

    static ObjectNode usage(Usage u) {
        ObjectNode o = Json.object();
        o.put("input_tokens", u.totalInputTokens());
        o.putObject("input_tokens_details").put("cached_tokens", u.cacheReadTokens())
                .put("cache_write_tokens", u.cacheWriteTokens());
        o.put("output_tokens", u.outputTokens());
        o.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        o.put("total_tokens", u.totalTokens());
        return o;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode message(String id, String status, String text) {
        ObjectNode m = Json.object();
        m.put("id", id);
        m.put("type", "message");
        m.put("status", status);
        m.put("role", "assistant");
        ArrayNode content = m.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return m;
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        ObjectNode f = Json.object();
        f.put("id", id);
        f.put("type", "function_call");
        f.put("status", status);
        f.put("call_id", callId);
        f.put("name", name);
        f.put("arguments", arguments);
        return f;
    }

    static ObjectNode reasoning(String id, String text, String encryptedContent, String status, boolean asSummary) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("type", "reasoning");
        r.put("status", status);
        ArrayNode summary = r.putArray("summary");
        if (asSummary) {
            if (text != null) {
                summary.add(summaryText(text));
            }
        } else if (text != null) {
            ObjectNode part = r.putArray("content").addObject();
            part.put("type", "reasoning_text");
            part.put("text", text);
        }
        if (encryptedContent != null) {
            r.put("encrypted_content", encryptedContent);
        }
        return r;
    }

    static ObjectNode summaryText(String text) {
        return Json.object().put("type", "summary_text").put("text", text);
    }

    /** The {@code error} member of a failed response. */
    static ObjectNode error(ApiError e) {
        ObjectNode o = Json.object();
        o.put("code", e.kind() == ApiError.Kind.RATE_LIMIT ? "rate_limit_exceeded"
                : e.kind() == ApiError.Kind.INVALID_REQUEST ? "invalid_prompt" : "server_error");
        o.put("message", e.message());
        return o;
    }
}
