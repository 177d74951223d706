package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.JsonFrame;
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

    /**
     * The parts ({@code kind, output_index, content_index}) whose text already went out, packed into longs;
     * consecutive deltas of one part (the common case) are recognised without touching the set.
     */
    private static final class PartKeys {
        static final int TEXT = 0;
        static final int REFUSAL = 1;
        static final int REASONING = 2;
        static final int SUMMARY = 3;

        private final Set<Long> seen = new HashSet<>();
        private long last;
        private boolean any;

        private static long key(int kind, int output, int index) {
            return ((long) kind << 62) | ((output & 0x7FFF_FFFFL) << 31) | (index & 0x7FFF_FFFFL);
        }

        /** A delta of the part went out. */
        void sawDelta(int kind, int output, int index) {
            long key = key(kind, output, index);
            if (!any || key != last) {
                any = true;
                last = key;
                seen.add(key);
            }
        }

        /** True the first time the part is named (its {@code .done} event is then the only text). */
        boolean first(int kind, int output, int index) {
            return seen.add(key(kind, output, index));
        }
    }

    private final ThinkTagSplitter text = new ThinkTagSplitter();
    private final Map<Integer, Call> callsByOutput = new LinkedHashMap<>();
    private final Map<String, Call> callsByItem = new HashMap<>();
    /** Parts whose text already went out (as deltas, or whole from a {@code .done}). */
    private final PartKeys parts = new PartKeys();
    private boolean started;
    private boolean refused;
    private boolean complete;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data() == null ? "" : event.data().strip();
        if (complete || data.isEmpty() || data.equals("[DONE]")) {
            return;
        }
        EventFields e = EventFields.read(data);
        String type = e.type != null ? e.type : event.event() == null ? "" : event.event();
        if (type.equals("error") || type.equals("response.failed")) {
            throw failure(type, Json.parse(data, API, "Responses event")); // rare: read whole, as sent
        }
        ensureStarted(e.responseId, e.responseModel, out);
        int output = e.outputIndex;
        int index = e.contentIndex != NO_INT ? e.contentIndex : e.summaryIndex != NO_INT ? e.summaryIndex : 0;
        switch (type) {
            case "response.output_text.delta" -> {
                parts.sawDelta(PartKeys.TEXT, output, index);
                text.accept(e.delta, out);
            }
            case "response.output_text.done" -> {
                if (parts.first(PartKeys.TEXT, output, index)) {
                    text.accept(e.text, out);
                }
            }
            case "response.refusal.delta" -> {
                refused = true;
                parts.sawDelta(PartKeys.REFUSAL, output, index);
                emitText(e.delta, out);
            }
            case "response.refusal.done" -> {
                refused = true;
                if (parts.first(PartKeys.REFUSAL, output, index)) {
                    emitText(e.refusal, out);
                }
            }
            case "response.reasoning_text.delta", "response.reasoning_summary_text.delta" -> {
                parts.sawDelta(reasoningKind(type), output, index);
                emitReasoning(e.delta, out);
            }
            case "response.reasoning_text.done", "response.reasoning_summary_text.done" -> {
                if (parts.first(reasoningKind(type), output, index)) {
                    emitReasoning(e.text, out);
                }
            }
            case "response.reasoning_summary_part.added" -> {
                if (e.summaryIndex != NO_INT && e.summaryIndex > 0) {
                    out.accept(new StreamEvent.ReasoningDelta("\n\n")); // summary parts read as paragraphs
                }
            }
            case "response.output_item.added" -> {
                if (e.item != null && "function_call".equals(Json.text(e.item, "type"))) {
                    startCall(output, Json.text(e.item, "id"), Json.nonEmpty(e.item, "call_id"),
                            Json.text(e.item, "name"), out);
                }
            }
            case "response.function_call_arguments.delta" -> {
                Call call = call(output, e.itemId, e.id, e.callId, e.name, out);
                String delta = e.delta;
                if (delta != null && !delta.isEmpty()) {
                    call.argumentsSeen = true;
                    out.accept(new StreamEvent.ToolCallDelta(call.index, delta));
                }
            }
            case "response.function_call_arguments.done" ->
                    emitArgumentsOnce(call(output, e.itemId, e.id, e.callId, e.name, out), e.arguments, out);
            case "response.output_item.done" -> itemDone(output, e.item == null ? Json.MAPPER.missingNode() : e.item, out);
            case "response.completed", "response.incomplete" -> complete(type, e, out);
            default -> { } // lifecycle, content_part, annotations, built-in tool progress: nothing canonical
        }
    }

    /** {@code error} and {@code response.failed}, from the whole event. */
    private static RuntimeException failure(String type, JsonNode node) {
        if (type.equals("error")) {
            JsonNode error = node.get("error");
            return InStreamErrors.from(API, error != null && error.isObject() ? error : node);
        }
        JsonNode error = node.path("response").get("error");
        return InStreamErrors.from(API, error != null && !error.isNull() ? error
                : Json.MAPPER.getNodeFactory().textNode("response failed"));
    }

    /** What {@code asInt(fallback)} gives for a missing index: "use the fallback". */
    private static final int NO_INT = Integer.MIN_VALUE;

    /**
     * The fields of one Responses event that any event type uses, read with a streaming parser (whatever their
     * order, so the type may come last); only {@code item} (two events per output item) is read as a tree.
     */
    private static final class EventFields {
        String type;
        int outputIndex = -1;
        int contentIndex = NO_INT;
        int summaryIndex = NO_INT;
        String delta;
        String text;
        String refusal;
        String arguments;
        String itemId;
        String id;
        String callId;
        String name;
        JsonNode item;
        String responseId;
        String responseModel;
        JsonNode responseUsage;
        String incompleteReason;

        static EventFields read(String data) {
            EventFields e = new EventFields();
            try (JsonFrame f = JsonFrame.open(data, API, "Responses event")) {
                if (f.enterObject()) {
                    for (String field = f.nextField(); field != null; field = f.nextField()) {
                        switch (field) {
                            case "type" -> e.type = f.text();
                            case "output_index" -> e.outputIndex = f.intValue(-1);
                            case "content_index" -> e.contentIndex = f.intValue(NO_INT);
                            case "summary_index" -> e.summaryIndex = f.intValue(NO_INT);
                            case "delta" -> e.delta = f.text();
                            case "text" -> e.text = f.text();
                            case "refusal" -> e.refusal = f.text();
                            case "arguments" -> e.arguments = f.text();
                            case "item_id" -> e.itemId = f.text();
                            case "id" -> e.id = f.text();
                            case "call_id" -> e.callId = f.nonEmpty();
                            case "name" -> e.name = f.text();
                            case "item" -> e.item = f.tree();
                            case "response" -> e.readResponse(f);
                            default -> f.skip();
                        }
                    }
                }
                f.end();
            }
            return e;
        }

        /** {@code response}: id and model (the start), usage and why it is incomplete (the end); not its output. */
        private void readResponse(JsonFrame f) {
            if (!f.enterObject()) {
                return;
            }
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "id" -> responseId = f.text();
                    case "model" -> responseModel = f.text();
                    case "usage" -> responseUsage = f.isObject() ? f.tree() : skipped(f);
                    case "incomplete_details" -> {
                        if (!f.enterObject()) {
                            break;
                        }
                        for (String d = f.nextField(); d != null; d = f.nextField()) {
                            if (d.equals("reason")) {
                                incompleteReason = f.text();
                            } else {
                                f.skip();
                            }
                        }
                    }
                    default -> f.skip();
                }
            }
        }

        private static JsonNode skipped(JsonFrame f) {
            f.skip();
            return null;
        }
    }

    private static int reasoningKind(String type) {
        return type.contains("summary") ? PartKeys.SUMMARY : PartKeys.REASONING;
    }

    private void itemDone(int output, JsonNode item, Consumer<StreamEvent> out) {
        String itemType = Json.text(item, "type");
        if ("function_call".equals(itemType)) {
            String id = Json.text(item, "id");
            Call call = call(output, id, id, Json.nonEmpty(item, "call_id"), Json.text(item, "name"), out);
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

    /** Starts a call from its item's (or, without one, its event's) {@code id}, {@code call_id} and {@code name}. */
    private void startCall(int output, String itemId, String callId, String name, Consumer<StreamEvent> out) {
        Call call = new Call(callsByOutput.size());
        callsByOutput.put(output, call);
        if (itemId != null) {
            callsByItem.put(itemId, call);
        }
        out.accept(new StreamEvent.ToolCallStart(call.index, callId != null ? callId : itemId,
                name == null ? "" : name));
    }

    /**
     * The call an event belongs to; a server that skipped {@code output_item.added} gets one started now, from
     * the {@code id}, {@code call_id} and {@code name} of whatever holds them (the item, or the event itself).
     */
    private Call call(int output, String itemId, String id, String callId, String name, Consumer<StreamEvent> out) {
        Call call = callsByOutput.get(output);
        if (call == null && itemId != null) {
            call = callsByItem.get(itemId);
        }
        if (call == null) {
            startCall(output, id, callId, name, out);
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

    private void complete(String type, EventFields e, Consumer<StreamEvent> out) {
        text.finish(out);
        for (Call call : callsByOutput.values()) {
            if (!call.ended) {
                call.ended = true;
                out.accept(new StreamEvent.ToolCallEnd(call.index));
            }
        }
        if (e.responseUsage != null) {
            out.accept(new StreamEvent.UsageReport(OpenAiUsage.fromResponses(e.responseUsage)));
        }
        StopReason reason;
        if (type.equals("response.incomplete")) {
            reason = incompleteReason(e.incompleteReason);
        } else if (!callsByOutput.isEmpty()) {
            reason = StopReason.TOOL_USE;
        } else {
            reason = refused ? StopReason.CONTENT_FILTER : StopReason.STOP;
        }
        out.accept(new StreamEvent.Stop(reason));
        complete = true;
    }

    static StopReason incompleteReason(JsonNode response) {
        return incompleteReason(Json.text(response.path("incomplete_details"), "reason"));
    }

    private static StopReason incompleteReason(String why) {
        return "content_filter".equals(why) ? StopReason.CONTENT_FILTER : StopReason.LENGTH;
    }

    private void ensureStarted(String responseId, String model, Consumer<StreamEvent> out) {
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(responseId, model));
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
