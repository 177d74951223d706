package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.WholeResponseDecoder;
import dev.clawgate.upstream.reasoning.ThinkTagSplitter;
import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/** Decodes a complete {@code chat.completion} object into canonical events. */
public final class ChatCompletionsResponseDecoder implements WholeResponseDecoder {

    private static final String API = ChatCompletionsStreamDecoder.API;

    @Override
    public void decode(JsonNode body, Consumer<StreamEvent> out) {
        JsonNode error = body.get("error");
        if (error != null && !error.isNull()) {
            throw InStreamErrors.from(API, error);
        }
        JsonNode choices = body.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw Json.malformed(API, "a chat.completion without choices", body.toString(), null);
        }
        out.accept(new StreamEvent.Start(Json.text(body, "id"), Json.text(body, "model")));
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        String reasoning = ChatCompletionsStreamDecoder.reasoningText(message);
        if (reasoning != null) {
            out.accept(new StreamEvent.ReasoningDelta(reasoning));
        }
        String content = Json.text(message, "content");
        if (content != null && !content.isEmpty()) {
            ThinkTagSplitter splitter = new ThinkTagSplitter();
            splitter.accept(content, out);
            splitter.finish(out);
        }
        int index = 0;
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode function = call.path("function");
                String id = Json.nonEmpty(call, "id");
                String name = Json.text(function, "name");
                out.accept(new StreamEvent.ToolCallStart(index, id != null ? id : "call_" + index,
                        name == null ? "" : name));
                String arguments = Json.argumentsText(function.get("arguments"));
                if (arguments != null && !arguments.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(index, arguments));
                }
                out.accept(new StreamEvent.ToolCallEnd(index));
                index++;
            }
        }
        JsonNode usage = body.get("usage");
        if (usage != null && usage.isObject()) {
            out.accept(new StreamEvent.UsageReport(OpenAiUsage.fromChatCompletions(usage)));
        }
        out.accept(new StreamEvent.Stop(
                ChatCompletionsStreamDecoder.stopReason(Json.nonEmpty(choice, "finish_reason"), index > 0)));
    }
}
