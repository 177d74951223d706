package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/**
 * Turns a complete (non-streamed) JSON answer into the same canonical events a stream would have given,
 * so callers never care whether the upstream honoured {@code stream: true}.
 */
@FunctionalInterface
public interface WholeResponseDecoder {

    /** @throws dev.clawgate.wire.UpstreamException when the body is an error object or unreadable */
    void decode(JsonNode body, Consumer<StreamEvent> out);
}
