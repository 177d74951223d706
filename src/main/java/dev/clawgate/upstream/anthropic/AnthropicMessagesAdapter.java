package dev.clawgate.upstream.anthropic;

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
import java.util.Map;

/**
 * {@code anthropic-messages}: {@code POST {baseUrl}/v1/messages}, SSE. The key goes in {@code x-api-key},
 * or as {@code Authorization: Bearer} when the provider sets {@code authHeader} (proxies, OAuth).
 */
public final class AnthropicMessagesAdapter implements UpstreamAdapter {

    public static final String API = AnthropicStreamDecoder.API;
    public static final String API_VERSION = "2023-06-01";

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, AnthropicStreamDecoder::new,
            new AnthropicResponseDecoder());

    private final HttpTransport transport;
    private final AnthropicRequestEncoder encoder = new AnthropicRequestEncoder();

    public AnthropicMessagesAdapter(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public EventStream open(ChatRequest request, ModelSpec model, CallOptions options) {
        UpstreamHttpRequest http = UpstreamHttpRequest.post(messagesUri(model.provider()), headers(model.provider()),
                Json.bytes(encoder.encode(request, model)));
        return new UpstreamCall(transport, http, options, FORMAT);
    }

    /** Base URLs are configured both with and without {@code /v1} (LM Studio's and llama.cpp's Anthropic routes). */
    static URI messagesUri(ProviderSpec provider) {
        return Endpoints.base(provider).endsWith("/v1") ? Endpoints.uri(provider, "/messages")
                : Endpoints.uri(provider, "/v1/messages");
    }

    static Map<String, String> headers(ProviderSpec provider) {
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
