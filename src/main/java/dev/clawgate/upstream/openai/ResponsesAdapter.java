package dev.clawgate.upstream.openai;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.codec.UpstreamCall;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.transport.UpstreamHttpRequest;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;

/** {@code openai-responses}: {@code POST {baseUrl}/responses}, SSE, Bearer auth. */
public final class ResponsesAdapter implements UpstreamAdapter {

    public static final String API = ResponsesStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, ResponsesStreamDecoder::new,
            new ResponsesResponseDecoder());

    private final HttpTransport transport;
    private final ResponsesRequestEncoder encoder = new ResponsesRequestEncoder();

    public ResponsesAdapter(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public EventStream open(ChatRequest request, ModelSpec model, CallOptions options) {
        UpstreamHttpRequest http = UpstreamHttpRequest.post(
                Endpoints.uri(model.provider(), "/responses"),
                Endpoints.bearerHeaders(model.provider(), "text/event-stream"),
                Json.bytes(encoder.encode(request, model)));
        return new UpstreamCall(transport, http, options, FORMAT);
    }
}
