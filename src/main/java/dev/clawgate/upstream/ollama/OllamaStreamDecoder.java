package dev.clawgate.upstream.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.NdjsonDecoder;
import dev.clawgate.upstream.reasoning.ThinkTagSplitter;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Decodes Ollama's native {@code /api/chat} NDJSON stream, and its non-streamed answer (one line of the
 * same shape). {@code message.thinking} is reasoning; {@code message.content} goes through the
 * {@link ThinkTagSplitter} (models whose template inlines {@code <think>}); {@code message.tool_calls}
 * arrive whole, with arguments as an object and, on older servers, no id (one is made up, since other
 * APIs pair results to calls by id). The line with {@code done: true} carries the stop reason and
 * counts. {@code {"error": "..."}} is a classified failure.
 */
public final class OllamaStreamDecoder implements NdjsonDecoder {

    static final String API = "ollama";

    private final ThinkTagSplitter content = new ThinkTagSplitter();
    private int toolCalls;
    private boolean started;
    private boolean complete;

    @Override
    public void decode(String line, Consumer<StreamEvent> out) {
        if (complete || line.isBlank()) {
            return;
        }
        JsonNode node = Json.parse(line, API, "chat stream line");
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            throw InStreamErrors.from(API, error);
        }
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(null, Json.text(node, "model")));
        }
        JsonNode message = node.path("message");
        String thinking = Json.nonEmpty(message, "thinking");
        if (thinking != null) {
            out.accept(new StreamEvent.ReasoningDelta(thinking));
        }
        String text = Json.nonEmpty(message, "content");
        if (text != null) {
            content.accept(text, out);
        }
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                toolCall(call, out);
            }
        }
        if (node.path("done").asBoolean(false)) {
            content.finish(out);
            out.accept(new StreamEvent.UsageReport(new Usage(node.path("prompt_eval_count").asLong(0),
                    node.path("eval_count").asLong(0), 0, 0, 0, false)));
            String reason = Json.text(node, "done_reason");
            out.accept(new StreamEvent.Stop("length".equals(reason) ? StopReason.LENGTH
                    : toolCalls > 0 ? StopReason.TOOL_USE : StopReason.STOP));
            complete = true;
        }
    }

    private void toolCall(JsonNode call, Consumer<StreamEvent> out) {
        int index = toolCalls++;
        JsonNode function = call.path("function");
        String id = Json.nonEmpty(call, "id");
        out.accept(new StreamEvent.ToolCallStart(index, id != null ? id : syntheticId(),
                String.valueOf(Json.text(function, "name"))));
        String arguments = Json.argumentsText(function.get("arguments"));
        out.accept(new StreamEvent.ToolCallDelta(index, arguments == null || arguments.isEmpty() ? "{}" : arguments));
        out.accept(new StreamEvent.ToolCallEnd(index));
    }

    private static String syntheticId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    @Override
    public void finish(Consumer<StreamEvent> out) {
        if (!complete) {
            throw InStreamErrors.interrupted(API, "before the line with done: true");
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
