package dev.clawgate.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A provider with defaults applied and its credential resolved.
 *
 * @param id lower-case provider id ({@code lmstudio})
 * @param baseUrl base URL without a trailing slash ({@code http://127.0.0.1:1234/v1})
 * @param api the provider's default API ({@code openai-responses}, ...)
 * @param apiKey the resolved credential, or null when none is available; never print it
 * @param apiKeySource where the credential came from ({@code env:OPENAI_API_KEY}, {@code config},
 *     {@code placeholder}), or null when missing; safe to print
 * @param headers extra request headers
 * @param authHeader send the key as {@code Authorization: Bearer} even where the API uses another header
 * @param firstByteTimeout how long to wait for the first complete event ({@code timeoutSeconds})
 * @param params provider-wide extras for request bodies
 * @param builtin true when the provider is one Clawgate ships (possibly overlaid by config)
 * @param configured true when the config names this provider
 * @param idleTimeout longest gap between two events of a response ({@code idleTimeoutSeconds}); null: the
 *     same as {@code firstByteTimeout}
 * @param unusableReason why the router must not call this provider (an unset {@code ${VAR}}, an API or a
 *     login Clawgate does not have), or null when it is usable
 */
public record ProviderSpec(String id, String baseUrl, String api, String apiKey, String apiKeySource,
        Map<String, String> headers, boolean authHeader, Duration firstByteTimeout, ObjectNode params,
        boolean builtin, boolean configured, Duration idleTimeout, String unusableReason) {

    public ProviderSpec {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        params = params != null ? params : JsonNodeFactory.instance.objectNode();
        idleTimeout = idleTimeout != null ? idleTimeout : firstByteTimeout;
    }

    /** A usable provider whose idle timeout follows the first-byte timeout. */
    public ProviderSpec(String id, String baseUrl, String api, String apiKey, String apiKeySource,
            Map<String, String> headers, boolean authHeader, Duration firstByteTimeout, ObjectNode params,
            boolean builtin, boolean configured) {
        this(id, baseUrl, api, apiKey, apiKeySource, headers, authHeader, firstByteTimeout, params, builtin,
                configured, null, null);
    }

    /** True when the base URL's host is loopback, a private network, link-local or {@code .local}. */
    public boolean isLocal() {
        return NetworkLocality.isLocalUrl(baseUrl);
    }

    public boolean hasCredential() {
        return apiKey != null && !apiKey.isEmpty();
    }

    /**
     * True when requests can be authenticated: a credential is present, or the endpoint is local (local
     * servers usually take no key, so a missing one is not an error there). OpenClaw's {@code Auth} column.
     */
    public boolean authAvailable() {
        return hasCredential() || isLocal();
    }

    public URI baseUri() {
        return URI.create(baseUrl);
    }

    @Override
    public String toString() {
        return "ProviderSpec[" + id + " " + api + " " + baseUrl + " key=" + (apiKeySource == null ? "missing" : apiKeySource) + "]";
    }
}
