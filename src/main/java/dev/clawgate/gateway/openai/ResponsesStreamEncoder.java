package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.gateway.SseSink;
import dev.clawgate.gateway.StreamEncoder;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical events to Responses SSE: {@code response.created}, {@code response.in_progress}, then per
 * output item {@code output_item.added} ... {@code output_item.done} (message items with
 * {@code content_part.added}, {@code output_text.delta}/{@code .done}, {@code content_part.done};
 * function_call items with {@code function_call_arguments.delta}/{@code .done}; reasoning items, when asked
 * for, with {@code reasoning_text.delta}/{@code .done}), and finally {@code response.completed} (or
 * {@code response.incomplete}) carrying the whole response. Every event has a {@code sequence_number}.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    private final ResponsesCall call;
    private final ResponseMeta meta;
    private final String responseId = ResponsesObjects.newId("resp_");
    private final TreeMap<Integer, ObjectNode> output = new TreeMap<>(); // finished items by output_index
    private int nextOutputIndex;
    private final Map<Integer, FunctionItem> calls = new LinkedHashMap<>(); // open calls by canonical index
    private int sequence;
    private boolean started;
    private TextItem message;
    private TextItem reasoning;
    private String signature;
    private Usage usage;
    private StopReason stop;

    /** An open message or reasoning item. */
    private static final class TextItem {
        final String id;
        final int outputIndex;
        final StringBuilder text = new StringBuilder();

        TextItem(String id, int outputIndex) {
            this.id = id;
            this.outputIndex = outputIndex;
        }
    }

    private static final class FunctionItem {
        final String id;
        final int outputIndex;
        final String callId;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        FunctionItem(String id, int outputIndex, String callId, String name) {
            this.id = id;
            this.outputIndex = outputIndex;
            this.callId = callId;
            this.name = name;
        }
    }

    ResponsesStreamEncoder(ResponsesCall call, ResponseMeta meta) {
        this.call = call;
        this.meta = meta;
    }

    @Override
    public void onEvent(StreamEvent event, SseSink sink) {
        switch (event) {
            case StreamEvent.Start s -> ensureStarted(sink);
            case StreamEvent.TextDelta t -> {
                ensureStarted(sink);
                closeReasoning(sink);
                if (message == null) {
                    message = new TextItem(ResponsesObjects.newId("msg_"), nextOutputIndex());
                    emit(sink, "response.output_item.added", itemEvent(message.outputIndex,
                            ResponsesObjects.message(message.id, "in_progress", null)));
                    ObjectNode part = partEvent(message);
                    part.set("part", ResponsesObjects.outputText(""));
                    emit(sink, "response.content_part.added", part);
                }
                message.text.append(t.text());
                ObjectNode delta = partEvent(message);
                delta.put("delta", t.text());
                delta.putArray("logprobs");
                emit(sink, "response.output_text.delta", delta);
            }
            case StreamEvent.ReasoningDelta r -> {
                if (!call.includeReasoning()) {
                    return;
                }
                ensureStarted(sink);
                if (reasoning == null) {
                    closeMessage(sink);
                    reasoning = new TextItem(ResponsesObjects.newId("rs_"), nextOutputIndex());
                    emit(sink, "response.output_item.added", itemEvent(reasoning.outputIndex,
                            ResponsesObjects.reasoning(reasoning.id, null, null, "in_progress", call.asSummary())));
                    if (call.asSummary()) {
                        ObjectNode part = summaryEvent(reasoning);
                        part.set("part", ResponsesObjects.summaryText(""));
                        emit(sink, "response.reasoning_summary_part.added", part);
                    }
                }
                reasoning.text.append(r.text());
                ObjectNode delta = call.asSummary() ? summaryEvent(reasoning) : partEvent(reasoning);
                delta.put("delta", r.text());
                emit(sink, call.asSummary() ? "response.reasoning_summary_text.delta" : "response.reasoning_text.delta",
                        delta);
            }
            case StreamEvent.ReasoningSignature s -> signature = s.signature();
            case StreamEvent.ToolCallStart s -> {
                ensureStarted(sink);
                closeReasoning(sink);
                closeMessage(sink);
                FunctionItem f = new FunctionItem(ResponsesObjects.newId("fc_"), nextOutputIndex(), s.id(), s.name());
                calls.put(s.index(), f);
                emit(sink, "response.output_item.added", itemEvent(f.outputIndex,
                        ResponsesObjects.functionCall(f.id, f.callId, f.name, "", "in_progress")));
            }
            case StreamEvent.ToolCallDelta d -> {
                FunctionItem f = calls.get(d.index());
                if (f == null) {
                    throw new IllegalStateException("tool call fragment for unknown index " + d.index());
                }
                f.arguments.append(d.argumentsFragment());
                ObjectNode delta = Json.object();
                delta.put("item_id", f.id);
                delta.put("output_index", f.outputIndex);
                delta.put("delta", d.argumentsFragment());
                emit(sink, "response.function_call_arguments.delta", delta);
            }
            case StreamEvent.ToolCallEnd e -> {
                FunctionItem f = calls.remove(e.index());
                if (f != null) {
                    closeCall(f, sink);
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
        closeAll(sink);
        StopReason reason = stop != null ? stop : StopReason.STOP;
        String status = ResponsesObjects.status(reason);
        ObjectNode e = Json.object();
        e.set("response", call.storing().finish(ResponsesObjects.response(responseId, meta, call.body(), status,
                outputArray(), usage, null, ResponsesObjects.incompleteReason(reason))));
        emit(sink, status.equals("completed") ? "response.completed" : "response.incomplete", e);
    }

    /** An {@code error} event, then the terminal {@code response.failed} with the output so far. */
    @Override
    public void onFailure(ApiError error, SseSink sink) {
        ensureStarted(sink);
        ObjectNode err = Json.object();
        // the same code as response.failed carries: server_error (retry), rate_limit_exceeded or invalid_prompt
        err.put("code", ResponsesObjects.error(error).get("code").textValue());
        err.put("message", error.message());
        err.putNull("param");
        emit(sink, "error", err);
        ObjectNode e = Json.object();
        e.set("response", call.storing().annotate(ResponsesObjects.response(responseId, meta, call.body(), "failed",
                outputArray(), usage, ResponsesObjects.error(error), null)));
        emit(sink, "response.failed", e);
    }

    private void ensureStarted(SseSink sink) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode created = Json.object();
        created.set("response", call.storing().annotate(
                ResponsesObjects.response(responseId, meta, call.body(), "in_progress", null, null, null, null)));
        emit(sink, "response.created", created);
        ObjectNode progress = Json.object();
        progress.set("response", call.storing().annotate(
                ResponsesObjects.response(responseId, meta, call.body(), "in_progress", null, null, null, null)));
        emit(sink, "response.in_progress", progress);
    }

    private int nextOutputIndex() {
        return nextOutputIndex++;
    }

    private ArrayNode outputArray() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        output.values().forEach(a::add);
        return a;
    }

    private void closeAll(SseSink sink) {
        closeReasoning(sink);
        closeMessage(sink);
        for (FunctionItem f : calls.values()) {
            closeCall(f, sink);
        }
        calls.clear();
    }

    private void closeMessage(SseSink sink) {
        if (message == null) {
            return;
        }
        TextItem m = message;
        message = null;
        String text = m.text.toString();
        ObjectNode done = partEvent(m);
        done.put("text", text);
        done.putArray("logprobs");
        emit(sink, "response.output_text.done", done);
        ObjectNode partDone = partEvent(m);
        partDone.set("part", ResponsesObjects.outputText(text));
        emit(sink, "response.content_part.done", partDone);
        ObjectNode item = ResponsesObjects.message(m.id, "completed", text);
        emit(sink, "response.output_item.done", itemEvent(m.outputIndex, item));
        output.put(m.outputIndex, item);
    }

    private void closeReasoning(SseSink sink) {
        if (reasoning == null) {
            return;
        }
        TextItem r = reasoning;
        reasoning = null;
        if (call.asSummary()) {
            ObjectNode done = summaryEvent(r);
            done.put("text", r.text.toString());
            emit(sink, "response.reasoning_summary_text.done", done);
            ObjectNode part = summaryEvent(r);
            part.set("part", ResponsesObjects.summaryText(r.text.toString()));
            emit(sink, "response.reasoning_summary_part.done", part);
        } else {
            ObjectNode done = partEvent(r);
            done.put("text", r.text.toString());
            emit(sink, "response.reasoning_text.done", done);
        }
        ObjectNode item = ResponsesObjects.reasoning(r.id, r.text.toString(), call.includeEncrypted() ? signature : null,
                "completed", call.asSummary());
        emit(sink, "response.output_item.done", itemEvent(r.outputIndex, item));
        output.put(r.outputIndex, item);
    }

    private void closeCall(FunctionItem f, SseSink sink) {
        String args = f.arguments.isEmpty() ? "{}" : f.arguments.toString();
        ObjectNode done = Json.object();
        done.put("item_id", f.id);
        done.put("output_index", f.outputIndex);
        done.put("name", f.name);
        done.put("arguments", args);
        emit(sink, "response.function_call_arguments.done", done);
        ObjectNode item = ResponsesObjects.functionCall(f.id, f.callId, f.name, args, "completed");
        emit(sink, "response.output_item.done", itemEvent(f.outputIndex, item));
        output.put(f.outputIndex, item);
    }

    private static ObjectNode itemEvent(int outputIndex, ObjectNode item) {
        ObjectNode e = Json.object();
        e.put("output_index", outputIndex);
        e.set("item", item);
        return e;
    }

    private static ObjectNode partEvent(TextItem item) {
        return itemPartEvent(item, "content_index");
    }

    private static ObjectNode summaryEvent(TextItem item) {
        return itemPartEvent(item, "summary_index");
    }

    /** The fields that place an event in an item: the item, its output index, and part {@code indexField} 0. */
    private static ObjectNode itemPartEvent(TextItem item, String indexField) {
        ObjectNode e = Json.object();
        e.put("item_id", item.id);
        e.put("output_index", item.outputIndex);
        e.put(indexField, 0);
        return e;
    }

    /** Writes {@code event: type} with {@code type} and {@code sequence_number} first in the data. */
    private void emit(SseSink sink, String type, ObjectNode fields) {
        ObjectNode e = Json.object();
        e.put("type", type);
        e.put("sequence_number", sequence++);
        e.setAll(fields);
        sink.event(type, Json.write(e));
    }
}
