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
import dev.clawgate.wire.Usage;
import java.util.function.Consumer;

/**
 * Decodes a Chat Completions SSE stream ({@code data: {chat.completion.chunk}} ... {@code data: [DONE]})
 * from OpenAI, vLLM, LM Studio, llama.cpp, Ollama's {@code /v1}, OpenRouter and the like.
 *
 * <p>Reasoning comes as {@code delta.reasoning_content} (DeepSeek, older vLLM, LM Studio, llama.cpp),
 * {@code delta.reasoning} (newer vLLM, Ollama, OpenRouter), or inline {@code <think>} tags in
 * {@code delta.content}; all three become reasoning events. The usage chunk may carry
 * {@code "choices": null} or {@code []}. {@code data: {"error":{...}}} mid-stream is a classified failure.
 * The finish reason is held until {@code [DONE]} (or the end of the body) so the usage chunk that
 * follows it is reported before the stop.
 */
public final class ChatCompletionsStreamDecoder implements SseDecoder {

    static final String API = "openai-completions";

    private final ThinkTagSplitter content = new ThinkTagSplitter();
    private final ChatToolCallAssembler toolCalls = new ChatToolCallAssembler();
    private boolean started;
    private boolean contentClosed;
    private boolean complete;
    private String finishReason;
    private Usage usage;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data() == null ? "" : event.data().strip();
        if (complete || data.isEmpty()) {
            return;
        }
        if (data.equals("[DONE]")) {
            end(out);
            return;
        }
        String id = null;
        String model = null;
        JsonNode usageNode = null;
        java.util.List<ChoiceDelta> choices = null;
        try (JsonFrame chunk = JsonFrame.open(data, API, "chat.completion.chunk")) {
            if (chunk.isObject()) {
                for (String field = chunk.nextField(); field != null; field = chunk.nextField()) {
                    switch (field) {
                        case "id" -> id = chunk.text();
                        case "model" -> model = chunk.text();
                        case "error" -> {
                            JsonNode error = chunk.tree();
                            if (!error.isNull()) {
                                throw InStreamErrors.from(API, error);
                            }
                        }
                        case "choices" -> {
                            if (chunk.isArray()) {
                                while (chunk.nextElement()) {
                                    ChoiceDelta choice = ChoiceDelta.read(chunk);
                                    if (choice != null && choice.index == 0) {
                                        (choices == null ? choices = new java.util.ArrayList<>(1) : choices).add(choice);
                                    }
                                }
                            } else {
                                chunk.skip();
                            }
                        }
                        case "usage" -> usageNode = chunk.isObject() ? chunk.tree() : skipped(chunk);
                        default -> chunk.skip();
                    }
                }
            } else {
                chunk.skip();
            }
            chunk.end();
        }
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(id, model));
        }
        if (choices != null) {
            for (ChoiceDelta choice : choices) {
                decodeChoice(choice, out);
            }
        }
        if (usageNode != null) {
            usage = OpenAiUsage.fromChatCompletions(usageNode);
        }
    }

    private static JsonNode skipped(JsonFrame frame) {
        frame.skip();
        return null;
    }

    /** The fields of one {@code choices[]} element this decoder uses, read without a tree. */
    private static final class ChoiceDelta {
        int index;
        String content;
        String reasoningContent;
        String reasoning;
        JsonNode reasoningDetails;
        JsonNode toolCalls;
        String finishReason;

        /** Reads the element the frame is on; null when it is not an object. */
        static ChoiceDelta read(JsonFrame f) {
            if (!f.enterObject()) {
                return null;
            }
            ChoiceDelta c = new ChoiceDelta();
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "index" -> {
                        c.index = f.intValue(0);
                        f.skip();
                    }
                    case "finish_reason" -> c.finishReason = f.text();
                    case "delta" -> {
                        if (!f.enterObject()) {
                            break;
                        }
                        for (String d = f.nextField(); d != null; d = f.nextField()) {
                            switch (d) {
                                case "content" -> c.content = f.text();
                                case "reasoning_content" -> c.reasoningContent = f.text();
                                case "reasoning" -> c.reasoning = f.text();
                                case "reasoning_details" -> c.reasoningDetails = f.tree();
                                case "tool_calls" -> c.toolCalls = f.tree();
                                default -> f.skip();
                            }
                        }
                    }
                    default -> f.skip();
                }
            }
            return c;
        }

        /** As {@link ChatCompletionsStreamDecoder#reasoningText(JsonNode)} reads a delta. */
        String reasoningText() {
            if (reasoningContent != null && !reasoningContent.isEmpty()) {
                return reasoningContent;
            }
            if (reasoning != null && !reasoning.isEmpty()) {
                return reasoning;
            }
            if (reasoningDetails == null) {
                return null;
            }
            com.fasterxml.jackson.databind.node.ObjectNode holder = Json.object();
            holder.set("reasoning_details", reasoningDetails);
            return ChatCompletionsStreamDecoder.reasoningText(holder);
        }
    }

    private void decodeChoice(ChoiceDelta choice, Consumer<StreamEvent> out) {
        String reasoning = choice.reasoningText();
        if (reasoning != null) {
            out.accept(new StreamEvent.ReasoningDelta(reasoning));
        }
        String text = choice.content;
        if (text != null && !text.isEmpty()) {
            content.accept(text, out);
        }
        JsonNode calls = choice.toolCalls;
        if (calls != null && calls.isArray()) {
            for (JsonNode fragment : calls) {
                toolCalls.accept(fragment, out);
            }
        }
        String reason = choice.finishReason == null || choice.finishReason.isEmpty() ? null : choice.finishReason;
        if (reason != null) {
            finishReason = reason;
            closeContent(out);
        }
    }

    /**
     * One reasoning piece per chunk: servers in the middle of the vLLM rename send both field names with
     * the same text, so {@code reasoning_content} wins and {@code reasoning} is read only without it.
     */
    static String reasoningText(JsonNode deltaOrMessage) {
        String text = Json.nonEmpty(deltaOrMessage, "reasoning_content");
        if (text == null) {
            text = Json.nonEmpty(deltaOrMessage, "reasoning");
        }
        if (text == null) {
            JsonNode details = deltaOrMessage.get("reasoning_details"); // OpenRouter without plain reasoning
            if (details != null && details.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode d : details) {
                    String piece = Json.text(d, "text");
                    if (piece != null) {
                        sb.append(piece);
                    }
                }
                text = sb.isEmpty() ? null : sb.toString();
            }
        }
        return text;
    }

    private void closeContent(Consumer<StreamEvent> out) {
        if (!contentClosed) {
            contentClosed = true;
            content.finish(out);
            toolCalls.endAll(out);
        }
    }

    private void end(Consumer<StreamEvent> out) {
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(null, null));
        }
        closeContent(out);
        if (usage != null) {
            out.accept(new StreamEvent.UsageReport(usage));
        }
        out.accept(new StreamEvent.Stop(stopReason(finishReason, toolCalls.any())));
        complete = true;
    }

    @Override
    public void finish(Consumer<StreamEvent> out) {
        if (complete) {
            return;
        }
        if (finishReason == null) {
            throw InStreamErrors.interrupted(API, "before a finish_reason");
        }
        end(out); // some servers end the body without [DONE]
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    /** Maps {@code finish_reason}; a "stop" that carried tool calls (some local servers) is a tool use. */
    static StopReason stopReason(String finishReason, boolean anyToolCalls) {
        if (finishReason == null) {
            return anyToolCalls ? StopReason.TOOL_USE : StopReason.STOP;
        }
        return switch (finishReason) {
            case "length" -> StopReason.LENGTH;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> anyToolCalls ? StopReason.TOOL_USE : StopReason.STOP;
        };
    }
}
