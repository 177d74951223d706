package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.DecodedCall;
import dev.clawgate.gateway.InboundApi;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API. With a {@link ResponseStore}, answers are kept (unless
 * {@code store: false}) and {@code previous_response_id} continues one; without, it is refused and the whole
 * conversation travels in {@code input}.
 *
 * <p>Reasoning output items are sent only when the request asks for reasoning output:
 * {@code reasoning.summary} set, or {@code include} containing {@code reasoning.encrypted_content} (which
 * also returns the upstream's reasoning signature as {@code encrypted_content}).
 */
public final class ResponsesApi implements InboundApi {

    private final ResponseStore store;

    /** Stateless: {@code previous_response_id} is refused. */
    public ResponsesApi() {
        this(null);
    }

    public ResponsesApi(ResponseStore store) {
        this.store = store;
    }

    /** The stored answers, or null when none are kept. */
    public ResponseStore store() {
        return store;
    }

    @Override
    public String name() {
        return "responses";
    }

    @Override
    public DecodedCall decode(JsonNode body) {
        return ResponsesDecoder.decode(body, store);
    }

    @Override
    public byte[] errorBody(ApiError error, String requestId) {
        return OpenAiErrors.body(error);
    }
}
