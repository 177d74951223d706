package dev.clawgate.upstream.anthropic;

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
 * {@code anthropic-messages}: {@code POST {baseUrl}/v1/messages}, SSE. The key goes in {@code x-api-key},
 * or as {@code Authorization: Bearer} when the provider sets {@code authHeader} (proxies, OAuth).
 */
public final class AnthropicMessagesAdapter extends JsonPostAdapter {

    public static final String API = AnthropicStreamDecoder.API;
    public static final String API_VERSION = "2023-06-01";

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, AnthropicStreamDecoder::new,
            new AnthropicResponseDecoder());

    private final AnthropicRequestEncoder encoder = new AnthropicRequestEncoder();

    public AnthropicMessagesAdapter(HttpTransport transport) {
        super(transport, FORMAT);
    }

    @Override
    protected URI endpoint(ProviderSpec provider) {
        return messagesUri(provider);
    }

    @Override
    protected Map<String, String> headers(ProviderSpec provider) {
        return anthropicHeaders(provider);
    }

    @Override
    protected ObjectNode encode(ChatRequest request, ModelSpec model) {
        return encoder.encode(request, model);
    }

    /** Base URLs are configured both with and without {@code /v1} (LM Studio's and llama.cpp's Anthropic routes). */
    static URI messagesUri(ProviderSpec provider) {
        return Endpoints.base(provider).endsWith("/v1") ? Endpoints.uri(provider, "/messages")
                : Endpoints.uri(provider, "/v1/messages");
    }

    static Map<String, String> anthropicHeaders(ProviderSpec provider) {
        Map<String, String> headers = Endpoints.jsonHeaders("text/event-stream");
        headers.put("anthropic-version", API_VERSION);
        if (provider.hasCredential()) {
            if (provider.authHeader()) {
                headers.put("Authorization", "Bearer " + provider.apiKey());
            } else {
                headers.put("x-api-key", provider.apiKey());
            }
        }
        headers.putAll(provider.headers());
        return headers;
    }
}
