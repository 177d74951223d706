package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API clients speak to the gateway (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages):
 * decoding its requests into the canonical model and encoding canonical answers and errors back.
 */
public interface InboundApi {

    /** Short name for metrics and logs: {@code chat_completions}, {@code responses}, {@code messages}. */
    String name();

    /**
     * Decodes a parsed request body.
     *
     * @throws InvalidRequestException naming the field at fault
     */
    DecodedCall decode(JsonNode body);

    /** The error body in this API's shape. */
    byte[] errorBody(ApiError error, String requestId);
}
