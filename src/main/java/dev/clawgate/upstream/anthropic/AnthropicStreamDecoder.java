package dev.clawgate.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes an Anthropic Messages SSE stream: {@code message_start} (id, model, input and cache usage),
 * content blocks (text, thinking with its {@code signature_delta}, tool_use with
 * {@code input_json_delta}), {@code message_delta} (stop reason, cumulative output usage) and
 * {@code message_stop}. {@code ping} and unknown events are ignored, as Anthropic asks of clients; an
 * {@code error} event ({@code overloaded_error} mid-stream) is a classified failure, never an empty answer.
 */
public final class AnthropicStreamDecoder implements SseDecoder {

    static final String API = "anthropic-messages";

    /** Wire block index -> canonical tool-call index, for tool_use blocks. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private boolean started;
    private boolean complete;
    private String stopReason;
    private long inputTokens;
    private long outputTokens;
    private long cacheRead;
    private long cacheWrite;
    private boolean usageSeen;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data() == null ? "" : event.data().strip();
        if (complete || data.isEmpty()) {
            return;
        }
        JsonNode node = Json.parse(data, API, "Messages event");
        String type = Json.text(node, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        switch (type) {
            case "message_start" -> {
                JsonNode message = node.path("message");
                started = true;
                out.accept(new StreamEvent.Start(Json.text(message, "id"), Json.text(message, "model")));
                readUsage(message.path("usage"));
            }
            case "content_block_start" -> blockStart(node.path("index").asInt(), node.path("content_block"), out);
            case "content_block_delta" -> blockDelta(node.path("index").asInt(), node.path("delta"), out);
            case "content_block_stop" -> {
                Integer tool = toolBlocks.get(node.path("index").asInt());
                if (tool != null) {
                    out.accept(new StreamEvent.ToolCallEnd(tool));
                }
            }
            case "message_delta" -> {
                String reason = Json.nonEmpty(node.path("delta"), "stop_reason");
                if (reason != null) {
                    stopReason = reason;
                }
                readUsage(node.path("usage"));
            }
            case "message_stop" -> end(out);
            case "error" -> {
                JsonNode error = node.get("error");
                throw InStreamErrors.from(API, error != null ? error : node);
            }
            default -> { } // ping and event types added after this was written
        }
    }

    private void blockStart(int index, JsonNode block, Consumer<StreamEvent> out) {
        ensureStarted(out);
        switch (String.valueOf(Json.text(block, "type"))) {
            case "text" -> emit(new StreamEvent.TextDelta(nullToEmpty(Json.text(block, "text"))), out);
            case "thinking" -> emit(new StreamEvent.ReasoningDelta(nullToEmpty(Json.text(block, "thinking"))), out);
            case "tool_use" -> {
                int tool = toolBlocks.size();
                toolBlocks.put(index, tool);
                out.accept(new StreamEvent.ToolCallStart(tool, Json.text(block, "id"),
                        nullToEmpty(Json.text(block, "name"))));
                JsonNode input = block.get("input");
                if (input != null && input.isObject() && !input.isEmpty()) { // a proxy that sends input whole
                    out.accept(new StreamEvent.ToolCallDelta(tool, input.toString()));
                }
            }
            case "redacted_thinking" -> {
                String data = Json.nonEmpty(block, "data");
                if (data != null) {
                    out.accept(new StreamEvent.ReasoningSignature(data, true));
                }
            }
            default -> { } // server tools: nothing canonical yet
        }
    }

    private void blockDelta(int index, JsonNode delta, Consumer<StreamEvent> out) {
        ensureStarted(out);
        switch (String.valueOf(Json.text(delta, "type"))) {
            case "text_delta" -> emit(new StreamEvent.TextDelta(nullToEmpty(Json.text(delta, "text"))), out);
            case "thinking_delta" -> emit(new StreamEvent.ReasoningDelta(nullToEmpty(Json.text(delta, "thinking"))), out);
            case "signature_delta" -> {
                String signature = Json.nonEmpty(delta, "signature");
                if (signature != null) {
                    out.accept(new StreamEvent.ReasoningSignature(signature));
                }
            }
            case "input_json_delta" -> {
                Integer tool = toolBlocks.get(index);
                String json = Json.text(delta, "partial_json");
                if (tool != null && json != null && !json.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(tool, json));
                }
            }
            default -> { } // citations_delta and future delta types
        }
    }

    /** Usage fields are cumulative; later events overwrite earlier ones when present. */
    private void readUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        usageSeen = true;
        inputTokens = usage.path("input_tokens").asLong(inputTokens);
        outputTokens = usage.path("output_tokens").asLong(outputTokens);
        cacheRead = usage.path("cache_read_input_tokens").asLong(cacheRead);
        cacheWrite = usage.path("cache_creation_input_tokens").asLong(cacheWrite);
    }

    private void end(Consumer<StreamEvent> out) {
        ensureStarted(out);
        if (usageSeen) {
            out.accept(new StreamEvent.UsageReport(new Usage(inputTokens, outputTokens, cacheRead, cacheWrite, 0, false)));
        }
        out.accept(new StreamEvent.Stop(stopReason(stopReason, !toolBlocks.isEmpty())));
        complete = true;
    }

    static StopReason stopReason(String reason, boolean anyToolCalls) {
        if (reason == null) {
            return anyToolCalls ? StopReason.TOOL_USE : StopReason.STOP;
        }
        return switch (reason) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.LENGTH;
            case "tool_use" -> StopReason.TOOL_USE;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> StopReason.STOP; // end_turn, stop_sequence, pause_turn
        };
    }

    private void ensureStarted(Consumer<StreamEvent> out) {
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(null, null));
        }
    }

    private static void emit(StreamEvent event, Consumer<StreamEvent> out) {
        boolean empty = event instanceof StreamEvent.TextDelta t && t.text().isEmpty()
                || event instanceof StreamEvent.ReasoningDelta r && r.text().isEmpty();
        if (!empty) {
            out.accept(event);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void finish(Consumer<StreamEvent> out) {
        if (!complete) {
            throw InStreamErrors.interrupted(API, "before message_stop");
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
