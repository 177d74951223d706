package dev.clawgate.upstream.ollama;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
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
import java.net.URI;

/**
 * {@code ollama}: the native {@code POST {baseUrl}/api/chat}, NDJSON. A base URL ending in {@code /v1}
 * (the OpenAI-compatible route, which breaks tool calling) is used without it.
 */
public final class OllamaChatAdapter implements UpstreamAdapter {

    public static final String API = OllamaStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.ndjson(API, OllamaStreamDecoder::new);

    private final HttpTransport transport;
    private final OllamaRequestEncoder encoder = new OllamaRequestEncoder();

    public OllamaChatAdapter(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public EventStream open(ChatRequest request, ModelSpec model, CallOptions options) {
        UpstreamHttpRequest http = UpstreamHttpRequest.post(chatUri(model.provider()),
                Endpoints.bearerHeaders(model.provider(), "application/x-ndjson"),
                Json.bytes(encoder.encode(request, model)));
        return new UpstreamCall(transport, http, options, FORMAT);
    }

    static URI chatUri(ProviderSpec provider) {
        String base = Endpoints.base(provider);
        if (base.endsWith("/v1")) {
            base = base.substring(0, base.length() - 3);
        }
        return URI.create(base + "/api/chat");
    }
}
