package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.gateway.SseSink;
import dev.clawgate.gateway.StreamEncoder;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.util.HashMap;
import java.util.Map;

/**
 * Canonical events to {@code chat.completion.chunk} frames: a role chunk first, content / tool-call
 * fragments (id, type and name only on a call's first fragment), a finish chunk, an optional usage chunk
 * with empty {@code choices}, then {@code data: [DONE]}.
 */
final class ChatCompletionsStreamEncoder implements StreamEncoder {

    private final ResponseMeta meta;
    private final boolean includeUsage;
    private final String reasoningField;
    private final String id;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>(); // canonical index -> chunk index
    private boolean started;
    private boolean finished;
    private StopReason stop;
    private Usage usage;

    ChatCompletionsStreamEncoder(ResponseMeta meta, boolean includeUsage, String reasoningField) {
        this.meta = meta;
        this.includeUsage = includeUsage;
        this.reasoningField = reasoningField;
        this.id = "chatcmpl-" + meta.requestId();
    }

    @Override
    public void onEvent(StreamEvent event, SseSink sink) {
        switch (event) {
            case StreamEvent.Start s -> ensureStarted(sink);
            case StreamEvent.TextDelta t -> {
                ensureStarted(sink);
                if (!t.text().isEmpty()) {
                    sink.data(chunk(delta().put("content", t.text()), null));
                }
            }
            case StreamEvent.ReasoningDelta r -> {
                if (reasoningField != null && !r.text().isEmpty()) {
                    ensureStarted(sink);
                    sink.data(chunk(delta().put(reasoningField, r.text()), null));
                }
            }
            case StreamEvent.ToolCallStart s -> {
                ensureStarted(sink);
                int index = toolIndexes.computeIfAbsent(s.index(), k -> toolIndexes.size());
                ObjectNode call = Json.object();
                call.put("index", index);
                call.put("id", s.id());
                call.put("type", "function");
                call.putObject("function").put("name", s.name()).put("arguments", "");
                ObjectNode delta = delta();
                delta.putArray("tool_calls").add(call);
                sink.data(chunk(delta, null));
            }
            case StreamEvent.ToolCallDelta d -> {
                ensureStarted(sink);
                int index = toolIndexes.computeIfAbsent(d.index(), k -> toolIndexes.size());
                ObjectNode call = Json.object();
                call.put("index", index);
                call.putObject("function").put("arguments", d.argumentsFragment());
                ObjectNode delta = delta();
                delta.putArray("tool_calls").add(call);
                sink.data(chunk(delta, null));
            }
            case StreamEvent.Stop s -> {
                ensureStarted(sink);
                stop = s.reason();
                finish(sink);
            }
            case StreamEvent.UsageReport u -> usage = u.usage();
            case StreamEvent.ReasoningSignature s -> { } // Chat Completions has no place for it
            case StreamEvent.ToolCallEnd e -> { } // implicit in this API
            case StreamEvent.Error e -> throw new IllegalArgumentException("errors arrive through onFailure");
        }
    }

    @Override
    public void onEnd(SseSink sink) {
        ensureStarted(sink);
        finish(sink);
        if (includeUsage) {
            ObjectNode root = base();
            root.putArray("choices");
            root.set("usage", ChatCompletionsCall.usage(usage != null ? usage : Usage.ZERO));
            sink.data(Json.write(root));
        }
        sink.data("[DONE]");
    }

    /** OpenAI's own mid-stream error frame ({@code data: {"error":{...}}}), then {@code [DONE]}. */
    @Override
    public void onFailure(ApiError error, SseSink sink) {
        ObjectNode root = Json.object();
        root.set("error", OpenAiErrors.errorObject(error));
        sink.data(Json.write(root));
        sink.data("[DONE]");
    }

    private void ensureStarted(SseSink sink) {
        if (!started) {
            started = true;
            sink.data(chunk(delta().put("role", "assistant").put("content", ""), null));
        }
    }

    private void finish(SseSink sink) {
        if (!finished) {
            finished = true;
            StopReason reason = stop != null ? stop : toolIndexes.isEmpty() ? StopReason.STOP : StopReason.TOOL_USE;
            sink.data(chunk(delta(), ChatCompletionsCall.finishReason(reason)));
        }
    }

    private static ObjectNode delta() {
        return Json.object();
    }

    private ObjectNode base() {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", "chat.completion.chunk");
        root.put("created", meta.createdEpochSeconds());
        root.put("model", meta.model());
        root.putNull("system_fingerprint");
        return root;
    }

    private String chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = base();
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            root.putNull("usage");
        }
        return Json.write(root);
    }
}
