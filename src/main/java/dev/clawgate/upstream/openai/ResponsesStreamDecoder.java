package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.reasoning.ThinkTagSplitter;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes a Responses SSE stream (OpenAI, LM Studio, vLLM, Ollama). The type is read from the data's
 * {@code type} (the SSE {@code event:} name only as a fallback). Text and reasoning come from the
 * {@code .delta} events; a server that sends only the {@code .done} event for a part (no deltas) still
 * has its text emitted, exactly once. Raw reasoning ({@code reasoning_text}, open models) and summaries
 * ({@code reasoning_summary_text}, OpenAI) are both reasoning, never answer text. The stream ends with
 * {@code response.completed} / {@code .incomplete}; {@code response.failed} and {@code error} are
 * classified failures.
 */
public final class ResponsesStreamDecoder implements SseDecoder {

    static final String API = "openai-responses";

    private static final class Call {
        final int index;
        boolean argumentsSeen;
        boolean ended;

        Call(int index) {
            this.index = index;
        }
    }

    private final ThinkTagSplitter text = new ThinkTagSplitter();
    private final Map<Integer, Call> callsByOutput = new LinkedHashMap<>();
    private final Map<String, Call> callsByItem = new HashMap<>();
    /** Parts ({@code kind:output_index:content_index}) whose text already went out as deltas. */
    private final Set<String> partsWithDeltas = new HashSet<>();
    private boolean started;
    private boolean refused;
    private boolean complete;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data() == null ? "" : event.data().strip();
        if (complete || data.isEmpty() || data.equals("[DONE]")) {
            return;
        }
        JsonNode node = Json.parse(data, API, "Responses event");
        String type = Json.text(node, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        if (type.equals("error")) {
            JsonNode error = node.get("error");
            throw InStreamErrors.from(API, error != null && error.isObject() ? error : node);
        }
        if (type.equals("response.failed")) {
            JsonNode error = node.path("response").get("error");
            throw InStreamErrors.from(API, error != null && !error.isNull() ? error
                    : Json.MAPPER.getNodeFactory().textNode("response failed"));
        }
        ensureStarted(node.path("response"), out);
        int output = node.path("output_index").asInt(-1);
        String part = output + ":" + node.path("content_index").asInt(node.path("summary_index").asInt(0));
        switch (type) {
            case "response.output_text.delta" -> {
                partsWithDeltas.add("text:" + part);
                text.accept(Json.text(node, "delta"), out);
            }
            case "response.output_text.done" -> {
                if (partsWithDeltas.add("text:" + part)) {
                    text.accept(Json.text(node, "text"), out);
                }
            }
            case "response.refusal.delta" -> {
                refused = true;
                partsWithDeltas.add("refusal:" + part);
                emitText(Json.text(node, "delta"), out);
            }
            case "response.refusal.done" -> {
                refused = true;
                if (partsWithDeltas.add("refusal:" + part)) {
                    emitText(Json.text(node, "refusal"), out);
                }
            }
            case "response.reasoning_text.delta", "response.reasoning_summary_text.delta" -> {
                partsWithDeltas.add(reasoningKey(type, part));
                emitReasoning(Json.text(node, "delta"), out);
            }
            case "response.reasoning_text.done", "response.reasoning_summary_text.done" -> {
                if (partsWithDeltas.add(reasoningKey(type, part))) {
                    emitReasoning(Json.text(node, "text"), out);
                }
            }
            case "response.reasoning_summary_part.added" -> {
                if (node.path("summary_index").asInt(0) > 0) {
                    out.accept(new StreamEvent.ReasoningDelta("\n\n")); // summary parts read as paragraphs
                }
            }
            case "response.output_item.added" -> {
                JsonNode item = node.path("item");
                if ("function_call".equals(Json.text(item, "type"))) {
                    startCall(output, item, out);
                }
            }
            case "response.function_call_arguments.delta" -> {
                Call call = call(output, Json.text(node, "item_id"), node, out);
                String delta = Json.text(node, "delta");
                if (delta != null && !delta.isEmpty()) {
                    call.argumentsSeen = true;
                    out.accept(new StreamEvent.ToolCallDelta(call.index, delta));
                }
            }
            case "response.function_call_arguments.done" ->
                    emitArgumentsOnce(call(output, Json.text(node, "item_id"), node, out),
                            Json.text(node, "arguments"), out);
            case "response.output_item.done" -> itemDone(output, node.path("item"), out);
            case "response.completed", "response.incomplete" -> complete(type, node.path("response"), out);
            default -> { } // lifecycle, content_part, annotations, built-in tool progress: nothing canonical
        }
    }

    private static String reasoningKey(String type, String part) {
        return (type.contains("summary") ? "summary:" : "reasoning:") + part;
    }

    private void itemDone(int output, JsonNode item, Consumer<StreamEvent> out) {
        String itemType = Json.text(item, "type");
        if ("function_call".equals(itemType)) {
            Call call = call(output, Json.text(item, "id"), item, out);
            emitArgumentsOnce(call, Json.argumentsText(item.get("arguments")), out);
            if (!call.ended) {
                call.ended = true;
                out.accept(new StreamEvent.ToolCallEnd(call.index));
            }
        } else if ("reasoning".equals(itemType) && Json.nonEmpty(item, "encrypted_content") != null) {
            // The item itself is the replay token: the encoder sends it back verbatim next turn.
            var replay = Json.object().put("type", "reasoning");
            if (item.hasNonNull("id")) {
                replay.set("id", item.get("id"));
            }
            replay.set("summary", item.has("summary") ? item.get("summary") : Json.MAPPER.createArrayNode());
            replay.set("encrypted_content", item.get("encrypted_content"));
            out.accept(new StreamEvent.ReasoningSignature(replay.toString()));
        }
    }

    private void startCall(int output, JsonNode item, Consumer<StreamEvent> out) {
        Call call = new Call(callsByOutput.size());
        callsByOutput.put(output, call);
        String itemId = Json.text(item, "id");
        if (itemId != null) {
            callsByItem.put(itemId, call);
        }
        String callId = Json.nonEmpty(item, "call_id");
        out.accept(new StreamEvent.ToolCallStart(call.index, callId != null ? callId : itemId,
                Json.text(item, "name") == null ? "" : Json.text(item, "name")));
    }

    /** The call an event belongs to; a server that skipped {@code output_item.added} gets one started now. */
    private Call call(int output, String itemId, JsonNode itemOrEvent, Consumer<StreamEvent> out) {
        Call call = callsByOutput.get(output);
        if (call == null && itemId != null) {
            call = callsByItem.get(itemId);
        }
        if (call == null) {
            startCall(output, itemOrEvent, out);
            call = callsByOutput.get(output);
        }
        return call;
    }

    private static void emitArgumentsOnce(Call call, String arguments, Consumer<StreamEvent> out) {
        if (!call.argumentsSeen && arguments != null && !arguments.isEmpty()) {
            call.argumentsSeen = true;
            out.accept(new StreamEvent.ToolCallDelta(call.index, arguments));
        }
    }

    private void complete(String type, JsonNode response, Consumer<StreamEvent> out) {
        text.finish(out);
        for (Call call : callsByOutput.values()) {
            if (!call.ended) {
                call.ended = true;
                out.accept(new StreamEvent.ToolCallEnd(call.index));
            }
        }
        JsonNode usage = response.get("usage");
        if (usage != null && usage.isObject()) {
            out.accept(new StreamEvent.UsageReport(OpenAiUsage.fromResponses(usage)));
        }
        StopReason reason;
        if (type.equals("response.incomplete")) {
            reason = incompleteReason(response);
        } else if (!callsByOutput.isEmpty()) {
            reason = StopReason.TOOL_USE;
        } else {
            reason = refused ? StopReason.CONTENT_FILTER : StopReason.STOP;
        }
        out.accept(new StreamEvent.Stop(reason));
        complete = true;
    }

    static StopReason incompleteReason(JsonNode response) {
        String why = Json.text(response.path("incomplete_details"), "reason");
        return "content_filter".equals(why) ? StopReason.CONTENT_FILTER : StopReason.LENGTH;
    }

    private void ensureStarted(JsonNode response, Consumer<StreamEvent> out) {
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(Json.text(response, "id"), Json.text(response, "model")));
        }
    }

    private static void emitText(String piece, Consumer<StreamEvent> out) {
        if (piece != null && !piece.isEmpty()) {
            out.accept(new StreamEvent.TextDelta(piece));
        }
    }

    private static void emitReasoning(String piece, Consumer<StreamEvent> out) {
        if (piece != null && !piece.isEmpty()) {
            out.accept(new StreamEvent.ReasoningDelta(piece));
        }
    }

    @Override
    public void finish(Consumer<StreamEvent> out) {
        if (!complete) {
            throw InStreamErrors.interrupted(API, "before response.completed");
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
