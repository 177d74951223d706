package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.WholeResponseDecoder;
import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/**
 * Decodes a complete Gemini answer: one {@code GenerateContentResponse} ({@code :generateContent}), the
 * JSON array {@code :streamGenerateContent} sends without {@code alt=sse}, or an {@code error} object.
 * The chunks go through the stream decoder (as text, the way a stream delivers them), so both paths yield the
 * same events.
 */
public final class GeminiResponseDecoder implements WholeResponseDecoder {

    @Override
    public void decode(JsonNode body, Consumer<StreamEvent> out) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();
        if (body.isArray()) {
            body.forEach(chunk -> decoder.chunk(chunk.toString(), out));
        } else {
            decoder.chunk(body.toString(), out);
        }
        decoder.finish(out);
    }
}
