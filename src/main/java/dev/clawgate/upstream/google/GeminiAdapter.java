package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.codec.JsonPostAdapter;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.ChatRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code google-generative-ai}: {@code POST {baseUrl}/models/{model}:streamGenerateContent?alt=sse}. The
 * key travels in the {@code x-goog-api-key} header, never as {@code ?key=} in the URL (URLs end up in
 * logs and error messages); a provider with {@code authHeader} sends it as {@code Authorization: Bearer}
 * instead (OAuth tokens, proxies).
 */
public final class GeminiAdapter extends JsonPostAdapter {

    public static final String API = GeminiStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, GeminiStreamDecoder::new, new GeminiResponseDecoder());

    private final GeminiRequestEncoder encoder = new GeminiRequestEncoder();

    public GeminiAdapter(HttpTransport transport) {
        super(transport, FORMAT);
    }

    /** The models collection; each model's method lives below it (see {@link #endpoint(ModelSpec)}). */
    @Override
    protected URI endpoint(ProviderSpec provider) {
        return Endpoints.uri(provider, "/models");
    }

    @Override
    protected URI endpoint(ModelSpec model) {
        return streamUri(model);
    }

    @Override
    protected Map<String, String> headers(ProviderSpec provider) {
        Map<String, String> headers = Endpoints.jsonHeaders("text/event-stream");
        if (provider.hasCredential()) {
            if (provider.authHeader()) {
                headers.put("Authorization", "Bearer " + provider.apiKey());
            } else {
                headers.put("x-goog-api-key", provider.apiKey());
            }
        }
        headers.putAll(provider.headers());
        return headers;
    }

    @Override
    protected ObjectNode encode(ChatRequest request, ModelSpec model) {
        return encoder.encode(request, model);
    }

    /** Model ids are written with or without Google's {@code models/} resource prefix; both mean the same. */
    static URI streamUri(ModelSpec model) {
        String id = model.id().startsWith("models/") ? model.id().substring("models/".length()) : model.id();
        return URI.create(Endpoints.base(model.provider()) + "/models/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                + ":streamGenerateContent?alt=sse");
    }
}
