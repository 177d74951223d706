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
 * @param region where data sent to it goes: {@code models.providers.<id>.region} when written (it wins over the
 *     address: a relay on 127.0.0.1 may forward to a hosted vendor), else the built-in provider's jurisdiction
 *     for its own endpoint, else {@code local} for a loopback or LAN address, else null (unknown: outside every
 *     region list, so a data policy fails closed)
 */
public record ProviderSpec(String id, String baseUrl, String api, String apiKey, String apiKeySource,
        Map<String, String> headers, boolean authHeader, Duration firstByteTimeout, ObjectNode params,
        boolean builtin, boolean configured, Duration idleTimeout, String unusableReason, String region) {

    /** The region of a provider whose address is loopback, a private network or {@code .local}. */
    public static final String LOCAL_REGION = "local";

    public ProviderSpec {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        params = params != null ? params : JsonNodeFactory.instance.objectNode();
        idleTimeout = idleTimeout != null ? idleTimeout : firstByteTimeout;
        region = region != null ? region : NetworkLocality.isLocalUrl(baseUrl) ? LOCAL_REGION : null;
    }

    /** A provider whose region follows from its address. */
    public ProviderSpec(String id, String baseUrl, String api, String apiKey, String apiKeySource,
            Map<String, String> headers, boolean authHeader, Duration firstByteTimeout, ObjectNode params,
            boolean builtin, boolean configured, Duration idleTimeout, String unusableReason) {
        this(id, baseUrl, api, apiKey, apiKeySource, headers, authHeader, firstByteTimeout, params, builtin,
                configured, idleTimeout, unusableReason, null);
    }

    /** A usable provider whose idle timeout follows the first-byte timeout. */
    public ProviderSpec(String id, String baseUrl, String api, String apiKey, String apiKeySource,
            Map<String, String> headers, boolean authHeader, Duration firstByteTimeout, ObjectNode params,
            boolean builtin, boolean configured) {
        this(id, baseUrl, api, apiKey, apiKeySource, headers, authHeader, firstByteTimeout, params, builtin,
                configured, null, null);
    }

    /**
     * True when the base URL's host is loopback, a private network, link-local or {@code .local}: a server
     * on this machine or the LAN (no key needed, cold starts). Where the data goes is {@link #region()}: a
     * relay on 127.0.0.1 may be local by address and {@code us} by region.
     */
    public boolean isLocal() {
        return NetworkLocality.isLocalUrl(baseUrl);
    }

    /** True when data sent to it stays local: its region is {@code local}. */
    public boolean inLocalRegion() {
        return LOCAL_REGION.equals(region);
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
        return "ProviderSpec[" + id + " " + api + " " + baseUrl + " region=" + region + " key=" + (apiKeySource == null ? "missing" : apiKeySource) + "]";
    }
}
