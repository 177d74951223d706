package dev.clawgate.upstream.codec;

import dev.clawgate.catalog.ProviderSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Request URIs and headers common to the adapters. Header values may hold credentials: never log them. */
public final class Endpoints {

    private Endpoints() {}

    /** Parsed endpoint URIs by base URL and path: parsing one per request showed in profiles (URI$Parser). */
    private static final int MAX_CACHED_URIS = 1024;
    private static final Map<String, Map<String, URI>> URIS = new ConcurrentHashMap<>();

    /** {@code baseUrl + path}, tolerating a trailing slash on the base. */
    public static URI uri(ProviderSpec provider, String path) {
        Map<String, URI> byPath = URIS.get(provider.baseUrl());
        URI cached = byPath == null ? null : byPath.get(path);
        if (cached != null) {
            return cached;
        }
        URI uri = URI.create(base(provider) + path);
        if (URIS.size() >= MAX_CACHED_URIS) {
            URIS.clear(); // config reloads with ever new base URLs: start over rather than grow
        }
        URIS.computeIfAbsent(provider.baseUrl(), k -> new ConcurrentHashMap<>()).put(path, uri);
        return uri;
    }

    /** The base URL without trailing slashes. */
    public static String base(ProviderSpec provider) {
        String base = provider.baseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    public static String host(ProviderSpec provider) {
        String host = provider.baseUri().getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    /** True for OpenAI's own API, the only host that gets OpenAI-only fields (developer role, store). */
    public static boolean isOpenAi(ProviderSpec provider) {
        return host(provider).equals("api.openai.com");
    }

    /**
     * JSON headers plus {@code Authorization: Bearer} when the provider has a credential, then the
     * provider's own headers (which win: config may set its own auth scheme).
     */
    public static Map<String, String> bearerHeaders(ProviderSpec provider, String accept) {
        Map<String, String> headers = jsonHeaders(accept);
        if (provider.hasCredential()) {
            headers.put("Authorization", "Bearer " + provider.apiKey());
        }
        headers.putAll(provider.headers());
        return headers;
    }

    public static Map<String, String> jsonHeaders(String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", accept);
        return headers;
    }
}
