package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.DecodedCall;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.gateway.StreamEncoder;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.Usage;

/**
 * A decoded Chat Completions request.
 *
 * @param includeUsage {@code stream_options.include_usage}: send a final usage chunk
 * @param reasoningField the delta/message field reasoning goes into, or null to leave reasoning out
 */
record ChatCompletionsCall(ChatRequest request, boolean includeUsage, String reasoningField) implements DecodedCall {

    @Override
    public StreamEncoder streamEncoder(ResponseMeta meta) {
        return new ChatCompletionsStreamEncoder(meta, includeUsage, reasoningField);
    }

    @Override
    public byte[] completeBody(ChatResponse r, ResponseMeta meta) {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        if (r.text().isEmpty() && !r.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", r.text());
        }
        message.putNull("refusal");
        if (reasoningField != null && !r.reasoning().isEmpty()) {
            message.put(reasoningField, r.reasoning());
        }
        if (!r.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Part.ToolCall c : r.toolCalls()) {
                ObjectNode call = calls.addObject();
                call.put("id", c.id());
                call.put("type", "function");
                ObjectNode fn = call.putObject("function");
                fn.put("name", c.name());
                fn.put("arguments", c.argumentsJson());
            }
        }
        ObjectNode root = Json.object();
        root.put("id", "chatcmpl-" + meta.requestId());
        root.put("object", "chat.completion");
        root.put("created", meta.createdEpochSeconds());
        root.put("model", meta.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(r.stopReason()));
        if (r.usage() != null) {
            root.set("usage", usage(r.usage()));
        }
        root.putNull("system_fingerprint");
        return Json.bytes(root);
    }

    static String finishReason(StopReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    /** Chat Completions usage: prompt tokens include cached ones, which are broken out in the details. */
    static ObjectNode usage(Usage u) {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", u.totalInputTokens());
        usage.put("completion_tokens", u.outputTokens());
        usage.put("total_tokens", u.totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return usage;
    }
}
