package dev.clawgate.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.JsonFrame;
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
        EventFields e = EventFields.read(data);
        String type = e.type != null ? e.type : event.event() == null ? "" : event.event();
        switch (type) {
            case "message_start" -> {
                started = true;
                out.accept(new StreamEvent.Start(e.messageId, e.messageModel));
                readUsage(e.messageUsage);
            }
            case "content_block_start" -> blockStart(e.index, e.block, out);
            case "content_block_delta" -> blockDelta(e.index, e.delta, out);
            case "content_block_stop" -> {
                Integer tool = toolBlocks.get(e.index);
                if (tool != null) {
                    out.accept(new StreamEvent.ToolCallEnd(tool));
                }
            }
            case "message_delta" -> {
                String reason = e.delta == null ? null : e.delta.stopReason;
                if (reason != null && !reason.isEmpty()) {
                    stopReason = reason;
                }
                readUsage(e.usage);
            }
            case "message_stop" -> end(out);
            case "error" -> { // rare: read whole, as sent
                JsonNode node = Json.parse(data, API, "Messages event");
                JsonNode error = node.get("error");
                throw InStreamErrors.from(API, error != null ? error : node);
            }
            default -> { } // ping and event types added after this was written
        }
    }

    private void blockStart(int index, Block block, Consumer<StreamEvent> out) {
        ensureStarted(out);
        if (block == null) {
            return;
        }
        switch (String.valueOf(block.type)) {
            case "text" -> emit(new StreamEvent.TextDelta(nullToEmpty(block.text)), out);
            case "thinking" -> emit(new StreamEvent.ReasoningDelta(nullToEmpty(block.thinking)), out);
            case "tool_use" -> {
                int tool = toolBlocks.size();
                toolBlocks.put(index, tool);
                out.accept(new StreamEvent.ToolCallStart(tool, block.id, nullToEmpty(block.name)));
                JsonNode input = block.input;
                if (input != null && input.isObject() && !input.isEmpty()) { // a proxy that sends input whole
                    out.accept(new StreamEvent.ToolCallDelta(tool, input.toString()));
                }
            }
            case "redacted_thinking" -> {
                if (block.data != null && !block.data.isEmpty()) {
                    out.accept(new StreamEvent.ReasoningSignature(block.data, true));
                }
            }
            default -> { } // server tools: nothing canonical yet
        }
    }

    private void blockDelta(int index, Delta delta, Consumer<StreamEvent> out) {
        ensureStarted(out);
        if (delta == null) {
            return;
        }
        switch (String.valueOf(delta.type)) {
            case "text_delta" -> emit(new StreamEvent.TextDelta(nullToEmpty(delta.text)), out);
            case "thinking_delta" -> emit(new StreamEvent.ReasoningDelta(nullToEmpty(delta.thinking)), out);
            case "signature_delta" -> {
                if (delta.signature != null && !delta.signature.isEmpty()) {
                    out.accept(new StreamEvent.ReasoningSignature(delta.signature));
                }
            }
            case "input_json_delta" -> {
                Integer tool = toolBlocks.get(index);
                String json = delta.partialJson;
                if (tool != null && json != null && !json.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(tool, json));
                }
            }
            default -> { } // citations_delta and future delta types
        }
    }

    /** What {@code asLong(current)} keeps: a usage field that is missing or not a number. */
    private static final long KEEP = Long.MIN_VALUE;

    /** The usage object's counts ({@link #KEEP} where absent); null when the event had no usage object. */
    private record TokenCounts(long input, long output, long cacheRead, long cacheWrite) {
        static TokenCounts read(JsonFrame f) {
            if (!f.enterObject()) {
                return null;
            }
            long input = KEEP;
            long output = KEEP;
            long cacheRead = KEEP;
            long cacheWrite = KEEP;
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "input_tokens" -> input = f.longValue(KEEP);
                    case "output_tokens" -> output = f.longValue(KEEP);
                    case "cache_read_input_tokens" -> cacheRead = f.longValue(KEEP);
                    case "cache_creation_input_tokens" -> cacheWrite = f.longValue(KEEP);
                    default -> f.skip();
                }
            }
            return new TokenCounts(input, output, cacheRead, cacheWrite);
        }
    }

    /** {@code content_block} of {@code content_block_start}. */
    private static final class Block {
        String type;
        String text;
        String thinking;
        String id;
        String name;
        String data;
        JsonNode input;
    }

    /** {@code delta} of {@code content_block_delta} and {@code message_delta}. */
    private static final class Delta {
        String type;
        String text;
        String thinking;
        String signature;
        String partialJson;
        String stopReason;
    }

    /**
     * The fields of one Messages event that any event type uses, read with a streaming parser whatever their
     * order (so {@code type} may come last); only a whole tool input (a proxy's) is read as a tree.
     */
    private static final class EventFields {
        String type;
        int index;
        String messageId;
        String messageModel;
        TokenCounts messageUsage;
        TokenCounts usage;
        Block block;
        Delta delta;

        static EventFields read(String data) {
            EventFields e = new EventFields();
            try (JsonFrame f = JsonFrame.open(data, API, "Messages event")) {
                if (f.enterObject()) {
                    for (String field = f.nextField(); field != null; field = f.nextField()) {
                        switch (field) {
                            case "type" -> e.type = f.text();
                            case "index" -> e.index = f.intValue(0);
                            case "message" -> e.readMessage(f);
                            case "usage" -> e.usage = TokenCounts.read(f);
                            case "content_block" -> e.block = readBlock(f);
                            case "delta" -> e.delta = readDelta(f);
                            default -> f.skip();
                        }
                    }
                }
                f.end();
            }
            return e;
        }

        private void readMessage(JsonFrame f) {
            if (!f.enterObject()) {
                return;
            }
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "id" -> messageId = f.text();
                    case "model" -> messageModel = f.text();
                    case "usage" -> messageUsage = TokenCounts.read(f);
                    default -> f.skip();
                }
            }
        }

        private static Block readBlock(JsonFrame f) {
            if (!f.enterObject()) {
                return null;
            }
            Block b = new Block();
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "type" -> b.type = f.text();
                    case "text" -> b.text = f.text();
                    case "thinking" -> b.thinking = f.text();
                    case "id" -> b.id = f.text();
                    case "name" -> b.name = f.text();
                    case "data" -> b.data = f.text();
                    case "input" -> b.input = f.tree();
                    default -> f.skip();
                }
            }
            return b;
        }

        private static Delta readDelta(JsonFrame f) {
            if (!f.enterObject()) {
                return null;
            }
            Delta d = new Delta();
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "type" -> d.type = f.text();
                    case "text" -> d.text = f.text();
                    case "thinking" -> d.thinking = f.text();
                    case "signature" -> d.signature = f.text();
                    case "partial_json" -> d.partialJson = f.text();
                    case "stop_reason" -> d.stopReason = f.text();
                    default -> f.skip();
                }
            }
            return d;
        }
    }

    /** Usage fields are cumulative; later events overwrite earlier ones when present. */
    private void readUsage(TokenCounts usage) {
        if (usage == null) {
            return;
        }
        usageSeen = true;
        inputTokens = usage.input() != KEEP ? usage.input() : inputTokens;
        outputTokens = usage.output() != KEEP ? usage.output() : outputTokens;
        cacheRead = usage.cacheRead() != KEEP ? usage.cacheRead() : cacheRead;
        cacheWrite = usage.cacheWrite() != KEEP ? usage.cacheWrite() : cacheWrite;
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
