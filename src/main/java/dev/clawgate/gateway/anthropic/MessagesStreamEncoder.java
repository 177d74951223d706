package dev.clawgate.gateway.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.gateway.SseSink;
import dev.clawgate.gateway.StreamEncoder;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;

/**
 * Canonical events to Messages SSE: {@code message_start}, {@code ping}, then one content block at a time
 * ({@code content_block_start}, deltas, {@code content_block_stop}; thinking, text and tool_use blocks),
 * {@code message_delta} with the stop reason and usage, {@code message_stop}. Blocks cannot interleave in
 * this API, so a fragment for a tool call whose block was already closed is an upstream fault, reported as
 * one rather than dropped.
 */
final class MessagesStreamEncoder implements StreamEncoder {

    private enum Block { NONE, TEXT, THINKING, TOOL }

    private final ResponseMeta meta;
    private boolean started;
    private Block open = Block.NONE;
    private int openTool = -1;
    private int blockIndex = -1;
    private boolean sawToolCall;
    private Usage usage;
    private StopReason stop;

    private final long estimatedInputTokens;

    /**
     * {@code estimatedInputTokens}: Clawgate's count of the prompt, sent in {@code message_start} (marked
     * {@code "estimated": true}) because the upstream's own count only arrives with the end of the stream;
     * {@code message_delta} then carries the upstream's numbers.
     */
    MessagesStreamEncoder(ResponseMeta meta, long estimatedInputTokens) {
        this.meta = meta;
        this.estimatedInputTokens = estimatedInputTokens;
    }

    @Override
    public void onEvent(StreamEvent event, SseSink sink) {
        switch (event) {
            case StreamEvent.Start s -> ensureStarted(sink);
            case StreamEvent.TextDelta t -> {
                ensureStarted(sink);
                if (open != Block.TEXT) {
                    ObjectNode block = Json.object().put("type", "text").put("text", "");
                    startBlock(Block.TEXT, block, sink);
                }
                delta(sink, Json.object().put("type", "text_delta").put("text", t.text()));
            }
            case StreamEvent.ReasoningDelta r -> {
                ensureStarted(sink);
                openThinking(sink);
                delta(sink, Json.object().put("type", "thinking_delta").put("thinking", r.text()));
            }
            case StreamEvent.ReasoningSignature s when s.redacted() -> {
                ensureStarted(sink);
                startBlock(Block.THINKING, Json.object().put("type", "redacted_thinking").put("data", s.signature()), sink);
                closeBlock(sink); // redacted thinking arrives whole, with no deltas
            }
            case StreamEvent.ReasoningSignature s -> {
                ensureStarted(sink);
                openThinking(sink);
                delta(sink, Json.object().put("type", "signature_delta").put("signature", s.signature()));
                closeBlock(sink); // the signature ends a thinking block
            }
            case StreamEvent.ToolCallStart s -> {
                ensureStarted(sink);
                sawToolCall = true;
                ObjectNode block = Json.object().put("type", "tool_use").put("id", s.id()).put("name", s.name());
                block.putObject("input");
                startBlock(Block.TOOL, block, sink);
                openTool = s.index();
            }
            case StreamEvent.ToolCallDelta d -> {
                if (open != Block.TOOL || openTool != d.index()) {
                    throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, "the upstream interleaved tool call "
                            + "arguments (call " + d.index() + "), which Anthropic streams cannot carry");
                }
                delta(sink, Json.object().put("type", "input_json_delta").put("partial_json", d.argumentsFragment()));
            }
            case StreamEvent.ToolCallEnd e -> {
                if (open == Block.TOOL && openTool == e.index()) {
                    closeBlock(sink);
                }
            }
            case StreamEvent.UsageReport u -> usage = u.usage();
            case StreamEvent.Stop s -> stop = s.reason();
            case StreamEvent.Error e -> throw new IllegalArgumentException("errors arrive through onFailure");
        }
    }

    @Override
    public void onEnd(SseSink sink) {
        ensureStarted(sink);
        closeBlock(sink);
        StopReason reason = stop != null ? stop : sawToolCall ? StopReason.TOOL_USE : StopReason.STOP;
        ObjectNode e = Json.object().put("type", "message_delta");
        e.putObject("delta").put("stop_reason", MessagesCall.stopReason(reason)).putNull("stop_sequence");
        e.set("usage", MessagesCall.usage(usage != null ? usage : Usage.ZERO));
        sink.event("message_delta", Json.write(e));
        sink.event("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** Anthropic's mid-stream error event; the stream ends after it without {@code message_stop}. */
    @Override
    public void onFailure(ApiError error, SseSink sink) {
        sink.event("error", Json.write(MessagesApi.errorEvent(error)));
    }

    @Override
    public void keepAlive(SseSink sink) {
        sink.event("ping", "{\"type\":\"ping\"}");
    }

    private void ensureStarted(SseSink sink) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode e = Json.object().put("type", "message_start");
        ObjectNode m = e.putObject("message");
        m.put("id", "msg_" + meta.requestId());
        m.put("type", "message");
        m.put("role", "assistant");
        m.putArray("content");
        m.put("model", meta.model());
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        ObjectNode startUsage = MessagesCall.usage(new Usage(estimatedInputTokens, 0, 0, 0, 0, true));
        startUsage.put("estimated", true);
        m.set("usage", startUsage);
        sink.event("message_start", Json.write(e));
        keepAlive(sink);
    }

    private void openThinking(SseSink sink) {
        if (open != Block.THINKING) {
            ObjectNode block = Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
            startBlock(Block.THINKING, block, sink);
        }
    }

    private void startBlock(Block kind, ObjectNode block, SseSink sink) {
        closeBlock(sink);
        blockIndex++;
        open = kind;
        ObjectNode e = Json.object().put("type", "content_block_start").put("index", blockIndex);
        e.set("content_block", block);
        sink.event("content_block_start", Json.write(e));
    }

    private void delta(SseSink sink, ObjectNode delta) {
        ObjectNode e = Json.object().put("type", "content_block_delta").put("index", blockIndex);
        e.set("delta", delta);
        sink.event("content_block_delta", Json.write(e));
    }

    private void closeBlock(SseSink sink) {
        if (open == Block.NONE) {
            return;
        }
        open = Block.NONE;
        openTool = -1;
        sink.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + blockIndex + "}");
    }
}
