package dev.clawgate.upstream.codec;

import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/** A {@link StreamDecoder} for APIs that stream newline-delimited JSON (Ollama's native API). */
public interface NdjsonDecoder extends StreamDecoder {

    /**
     * Decodes one line, passing the canonical events it yields to {@code out}.
     *
     * @throws dev.clawgate.wire.UpstreamException for error lines and unreadable lines
     */
    void decode(String line, Consumer<StreamEvent> out);
}
