package dev.clawgate.gateway;

import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;

/**
 * A decoded request together with what its answer needs to know about it (stream options, reasoning
 * opt-ins, fields to echo).
 */
public interface DecodedCall {

    ChatRequest request();

    /** A fresh encoder for a streamed answer. */
    StreamEncoder streamEncoder(ResponseMeta meta);

    /** The complete (non-streaming) answer body. */
    byte[] completeBody(ChatResponse response, ResponseMeta meta);
}
