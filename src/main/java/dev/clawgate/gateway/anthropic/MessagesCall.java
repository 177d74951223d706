package dev.clawgate.gateway.anthropic;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A decoded Messages request. */
record MessagesCall(ChatRequest request) implements DecodedCall {

    private static final Logger LOG = LoggerFactory.getLogger(MessagesCall.class);

    @Override
    public StreamEncoder streamEncoder(ResponseMeta meta) {
        // message_start comes before the upstream's counts, which arrive with the end of the stream
        return new MessagesStreamEncoder(meta, dev.clawgate.usage.TokenEstimator.shared().estimatePromptTokens(request));
    }

    @Override
    public byte[] completeBody(ChatResponse r, ResponseMeta meta) {
        ObjectNode root = Json.object();
        root.put("id", "msg_" + meta.requestId());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", meta.model());
        ArrayNode content = root.putArray("content");
        for (String data : r.redactedReasoning()) {
            content.addObject().put("type", "redacted_thinking").put("data", data);
        }
        if (!r.reasoning().isEmpty() || r.reasoningSignature() != null) {
            ObjectNode thinking = content.addObject();
            thinking.put("type", "thinking");
            thinking.put("thinking", r.reasoning());
            thinking.put("signature", r.reasoningSignature() != null ? r.reasoningSignature() : "");
        }
        if (!r.text().isEmpty() || r.toolCalls().isEmpty()) {
            content.addObject().put("type", "text").put("text", r.text());
        }
        for (Part.ToolCall c : r.toolCalls()) {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", c.id());
            use.put("name", c.name());
            use.set("input", toolInput(c));
        }
        root.put("stop_reason", stopReason(r.stopReason()));
        root.putNull("stop_sequence");
        root.set("usage", usage(r.usage() != null ? r.usage() : Usage.ZERO));
        return Json.bytes(root);
    }

    /** The arguments as an object; arguments that are not a JSON object are kept under {@code _raw}, and logged. */
    private static ObjectNode toolInput(Part.ToolCall c) {
        ObjectNode input = Json.parseObjectOrNull(c.argumentsJson());
        if (input != null) {
            return input;
        }
        LOG.warn("tool call {} ({}) has arguments that are not a JSON object; passing them as _raw", c.id(), c.name());
        ObjectNode raw = Json.object();
        raw.put("_raw", c.argumentsJson());
        return raw;
    }

    static String stopReason(StopReason reason) {
        return switch (reason) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_USE -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** Anthropic usage: input tokens exclude cache reads and writes, which are reported beside them. */
    static ObjectNode usage(Usage u) {
        ObjectNode o = Json.object();
        o.put("input_tokens", u.inputTokens());
        o.put("output_tokens", u.outputTokens());
        o.put("cache_creation_input_tokens", u.cacheWriteTokens());
        o.put("cache_read_input_tokens", u.cacheReadTokens());
        return o;
    }
}
