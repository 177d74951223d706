package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.transport.UpstreamHttpRequest;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import java.net.URI;
import java.util.Map;

/**
 * What every upstream API has in common: encode the canonical request as one JSON body, POST it to the
 * provider's endpoint with the API's headers, and decode the answer in the API's {@link ResponseFormat}.
 * An adapter says only where, with which headers, and how to encode.
 */
public abstract class JsonPostAdapter implements UpstreamAdapter {

    private final HttpTransport transport;
    private final ResponseFormat format;

    protected JsonPostAdapter(HttpTransport transport, ResponseFormat format) {
        this.transport = transport;
        this.format = format;
    }

    /** The URL to POST to. */
    protected abstract URI endpoint(ProviderSpec provider);

    /** The URL to POST to for {@code model}: the provider's, unless the API names the model in the path (Gemini). */
    protected URI endpoint(ModelSpec model) {
        return endpoint(model.provider());
    }

    /** Request headers, credentials included; never logged. */
    protected abstract Map<String, String> headers(ProviderSpec provider);

    /** The request body in this API's wire format. */
    protected abstract ObjectNode encode(ChatRequest request, ModelSpec model);

    @Override
    public final String api() {
        return format.api();
    }

    @Override
    public final EventStream open(ChatRequest request, ModelSpec model, CallOptions options) {
        ObjectNode body = OpenRouterPolicy.apply(encode(request, model), model.provider(), options.dataPolicy());
        UpstreamHttpRequest http = UpstreamHttpRequest.post(endpoint(model), headers(model.provider()),
                Json.bytes(body));
        return new UpstreamCall(transport, http, options, format);
    }
}
