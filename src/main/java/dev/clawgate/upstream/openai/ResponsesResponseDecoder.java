package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.WholeResponseDecoder;
import dev.clawgate.upstream.reasoning.ThinkTagSplitter;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/** Decodes a complete Responses {@code response} object into canonical events. */
public final class ResponsesResponseDecoder implements WholeResponseDecoder {

    private static final String API = ResponsesStreamDecoder.API;

    @Override
    public void decode(JsonNode body, Consumer<StreamEvent> out) {
        JsonNode response = body.has("response") && body.get("response").isObject() ? body.get("response") : body;
        JsonNode error = response.get("error");
        if (error != null && !error.isNull() || "failed".equals(Json.text(response, "status"))) {
            throw InStreamErrors.from(API, error != null && !error.isNull() ? error
                    : Json.MAPPER.getNodeFactory().textNode("response failed"));
        }
        JsonNode output = response.get("output");
        if (output == null || !output.isArray()) {
            throw Json.malformed(API, "a response without output", body.toString(), null);
        }
        out.accept(new StreamEvent.Start(Json.text(response, "id"), Json.text(response, "model")));
        ThinkTagSplitter text = new ThinkTagSplitter();
        int calls = 0;
        boolean refused = false;
        for (JsonNode item : output) {
            switch (String.valueOf(Json.text(item, "type"))) {
                case "reasoning" -> reasoning(item, out);
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        String type = Json.text(part, "type");
                        if ("output_text".equals(type)) {
                            text.accept(Json.text(part, "text"), out);
                        } else if ("refusal".equals(type)) {
                            refused = true;
                            String refusal = Json.text(part, "refusal");
                            if (refusal != null && !refusal.isEmpty()) {
                                out.accept(new StreamEvent.TextDelta(refusal));
                            }
                        }
                    }
                }
                case "function_call" -> {
                    String callId = Json.nonEmpty(item, "call_id");
                    out.accept(new StreamEvent.ToolCallStart(calls, callId != null ? callId : Json.text(item, "id"),
                            String.valueOf(Json.text(item, "name"))));
                    String arguments = Json.argumentsText(item.get("arguments"));
                    if (arguments != null && !arguments.isEmpty()) {
                        out.accept(new StreamEvent.ToolCallDelta(calls, arguments));
                    }
                    out.accept(new StreamEvent.ToolCallEnd(calls));
                    calls++;
                }
                default -> { }
            }
        }
        text.finish(out);
        JsonNode usage = response.get("usage");
        if (usage != null && usage.isObject()) {
            out.accept(new StreamEvent.UsageReport(OpenAiUsage.fromResponses(usage)));
        }
        StopReason reason = "incomplete".equals(Json.text(response, "status"))
                ? ResponsesStreamDecoder.incompleteReason(response)
                : calls > 0 ? StopReason.TOOL_USE : refused ? StopReason.CONTENT_FILTER : StopReason.STOP;
        out.accept(new StreamEvent.Stop(reason));
    }

    private static void reasoning(JsonNode item, Consumer<StreamEvent> out) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : item.path("content")) {
            String t = Json.text(part, "text");
            if (t != null) {
                sb.append(t);
            }
        }
        if (sb.isEmpty()) {
            for (JsonNode part : item.path("summary")) {
                String t = Json.text(part, "text");
                if (t != null) {
                    sb.append(sb.isEmpty() ? "" : "\n\n").append(t);
                }
            }
        }
        if (!sb.isEmpty()) {
            out.accept(new StreamEvent.ReasoningDelta(sb.toString()));
        }
        if (Json.nonEmpty(item, "encrypted_content") != null) {
            var replay = Json.object().put("type", "reasoning");
            if (item.hasNonNull("id")) {
                replay.set("id", item.get("id"));
            }
            replay.set("summary", item.has("summary") ? item.get("summary") : Json.MAPPER.createArrayNode());
            replay.set("encrypted_content", item.get("encrypted_content"));
            out.accept(new StreamEvent.ReasoningSignature(replay.toString()));
        }
    }
}
