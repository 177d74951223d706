package dev.clawgate.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.codec.JsonExchange;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.util.Map;

/**
 * Anthropic's {@code POST /v1/messages/count_tokens}: the exact count from the model's own tokenizer, with
 * the provider's key and headers. The body is the client's Messages request (it already speaks this API),
 * with {@code model} set to the provider-local id.
 */
public final class AnthropicTokenCounter {

    private final HttpTransport transport;

    public AnthropicTokenCounter(HttpTransport transport) {
        this.transport = transport;
    }

    /** @throws UpstreamException classified, or malformed when the answer has no {@code input_tokens} */
    public long count(ObjectNode messagesRequest, ModelSpec model, CallOptions options) {
        ObjectNode body = messagesRequest.deepCopy();
        body.put("model", model.id());
        body.remove("max_tokens");
        body.remove("stream");
        Map<String, String> headers = AnthropicMessagesAdapter.anthropicHeaders(model.provider());
        headers.put("Accept", "application/json");
        String messages = AnthropicMessagesAdapter.messagesUri(model.provider()).toString();
        JsonNode answer = JsonExchange.post(transport, java.net.URI.create(messages + "/count_tokens"), headers, body,
                options, model.ref());
        JsonNode tokens = answer.path("input_tokens");
        if (!tokens.isNumber()) {
            throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, model.ref()
                    + ": count_tokens answer has no input_tokens", null, null);
        }
        return tokens.asLong();
    }
}
