package dev.clawgate.upstream.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.JsonFrame;
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
        Line l = Line.read(line);
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(null, l.model));
        }
        if (l.thinking != null && !l.thinking.isEmpty()) {
            out.accept(new StreamEvent.ReasoningDelta(l.thinking));
        }
        if (l.content != null && !l.content.isEmpty()) {
            content.accept(l.content, out);
        }
        if (l.toolCalls != null && l.toolCalls.isArray()) {
            for (JsonNode call : l.toolCalls) {
                toolCall(call, out);
            }
        }
        if (l.done) {
            content.finish(out);
            out.accept(new StreamEvent.UsageReport(new Usage(l.promptEvalCount, l.evalCount, 0, 0, 0, false)));
            out.accept(new StreamEvent.Stop("length".equals(l.doneReason) ? StopReason.LENGTH
                    : toolCalls > 0 ? StopReason.TOOL_USE : StopReason.STOP));
            complete = true;
        }
    }

    /**
     * The fields of one stream line this decoder uses, read with a streaming parser; only {@code tool_calls}
     * (whole calls, rare) and {@code error} are read as trees. An error is thrown as soon as it is read.
     */
    private static final class Line {
        String model;
        String thinking;
        String content;
        JsonNode toolCalls;
        boolean done;
        long promptEvalCount;
        long evalCount;
        String doneReason;

        static Line read(String text) {
            Line l = new Line();
            try (JsonFrame f = JsonFrame.open(text, API, "chat stream line")) {
                if (f.enterObject()) {
                    for (String field = f.nextField(); field != null; field = f.nextField()) {
                        switch (field) {
                            case "error" -> {
                                JsonNode error = f.tree();
                                if (!error.isNull()) {
                                    throw InStreamErrors.from(API, error);
                                }
                            }
                            case "model" -> l.model = f.text();
                            case "message" -> l.readMessage(f);
                            case "done" -> l.done = f.booleanValue(false);
                            case "prompt_eval_count" -> l.promptEvalCount = f.longValue(0);
                            case "eval_count" -> l.evalCount = f.longValue(0);
                            case "done_reason" -> l.doneReason = f.text();
                            default -> f.skip();
                        }
                    }
                }
                f.end();
            }
            return l;
        }

        private void readMessage(JsonFrame f) {
            if (!f.enterObject()) {
                return;
            }
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "thinking" -> thinking = f.text();
                    case "content" -> content = f.text();
                    case "tool_calls" -> toolCalls = f.tree();
                    default -> f.skip();
                }
            }
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
