package dev.clawgate.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.WholeResponseDecoder;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.util.function.Consumer;

/** Decodes a complete Anthropic {@code message} object (or an {@code error} object) into canonical events. */
public final class AnthropicResponseDecoder implements WholeResponseDecoder {

    private static final String API = AnthropicStreamDecoder.API;

    @Override
    public void decode(JsonNode body, Consumer<StreamEvent> out) {
        if ("error".equals(Json.text(body, "type")) || body.path("error").isObject()) {
            throw InStreamErrors.from(API, body.path("error").isObject() ? body.get("error") : body);
        }
        JsonNode content = body.get("content");
        if (content == null || !content.isArray()) {
            throw Json.malformed(API, "a message without content", body.toString(), null);
        }
        out.accept(new StreamEvent.Start(Json.text(body, "id"), Json.text(body, "model")));
        int tools = 0;
        for (JsonNode block : content) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "text" -> {
                    String text = Json.text(block, "text");
                    if (text != null && !text.isEmpty()) {
                        out.accept(new StreamEvent.TextDelta(text));
                    }
                }
                case "thinking" -> {
                    String thinking = Json.text(block, "thinking");
                    if (thinking != null && !thinking.isEmpty()) {
                        out.accept(new StreamEvent.ReasoningDelta(thinking));
                    }
                    String signature = Json.nonEmpty(block, "signature");
                    if (signature != null) {
                        out.accept(new StreamEvent.ReasoningSignature(signature));
                    }
                }
                case "redacted_thinking" -> {
                    String data = Json.nonEmpty(block, "data");
                    if (data != null) {
                        out.accept(new StreamEvent.ReasoningSignature(data, true));
                    }
                }
                case "tool_use" -> {
                    out.accept(new StreamEvent.ToolCallStart(tools, Json.text(block, "id"),
                            String.valueOf(Json.text(block, "name"))));
                    JsonNode input = block.get("input");
                    out.accept(new StreamEvent.ToolCallDelta(tools, input == null || input.isNull() ? "{}" : input.toString()));
                    out.accept(new StreamEvent.ToolCallEnd(tools));
                    tools++;
                }
                default -> { }
            }
        }
        JsonNode usage = body.get("usage");
        if (usage != null && usage.isObject()) {
            out.accept(new StreamEvent.UsageReport(new Usage(usage.path("input_tokens").asLong(0),
                    usage.path("output_tokens").asLong(0), usage.path("cache_read_input_tokens").asLong(0),
                    usage.path("cache_creation_input_tokens").asLong(0), 0, false)));
        }
        out.accept(new StreamEvent.Stop(AnthropicStreamDecoder.stopReason(Json.nonEmpty(body, "stop_reason"), tools > 0)));
    }
}
