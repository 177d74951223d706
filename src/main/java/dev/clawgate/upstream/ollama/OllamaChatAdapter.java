package dev.clawgate.upstream.ollama;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.codec.JsonPostAdapter;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.ChatRequest;
import java.net.URI;
import java.util.Map;

/**
 * {@code ollama}: the native {@code POST {baseUrl}/api/chat}, NDJSON. A base URL ending in {@code /v1}
 * (the OpenAI-compatible route, which breaks tool calling) is used without it.
 */
public final class OllamaChatAdapter extends JsonPostAdapter {

    public static final String API = OllamaStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.ndjson(API, OllamaStreamDecoder::new);

    private final OllamaRequestEncoder encoder = new OllamaRequestEncoder();

    public OllamaChatAdapter(HttpTransport transport) {
        super(transport, FORMAT);
    }

    @Override
    protected URI endpoint(ProviderSpec provider) {
        return chatUri(provider);
    }

    @Override
    protected Map<String, String> headers(ProviderSpec provider) {
        return Endpoints.bearerHeaders(provider, "application/x-ndjson");
    }

    @Override
    protected ObjectNode encode(ChatRequest request, ModelSpec model) {
        return encoder.encode(request, model);
    }

    static URI chatUri(ProviderSpec provider) {
        String base = Endpoints.base(provider);
        if (base.endsWith("/v1")) {
            base = base.substring(0, base.length() - 3);
        }
        return URI.create(base + "/api/chat");
    }
}
