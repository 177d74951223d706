package dev.clawgate.upstream.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.WholeResponseDecoder;
import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/** Decodes a non-streamed {@code /api/chat} answer: one object shaped like the stream's final line. */
public final class OllamaResponseDecoder implements WholeResponseDecoder {

    @Override
    public void decode(JsonNode body, Consumer<StreamEvent> out) {
        OllamaStreamDecoder decoder = new OllamaStreamDecoder();
        decoder.decode(body.toString(), out);
        decoder.finish(out);
    }
}
