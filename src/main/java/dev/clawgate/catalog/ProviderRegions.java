package dev.clawgate.catalog;

import dev.clawgate.config.ProviderConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Where a provider's data goes ({@link ProviderSpec#region()}) and which endpoint a region selects.
 *
 * <p>An explicit {@code region} always wins: a relay on 127.0.0.1 (LiteLLM, an OpenRouter proxy) is local by
 * address but forwards prompts to a hosted vendor, and only its owner knows. Without one, a built-in
 * provider on its own endpoint carries the vendor's jurisdiction; any other address is {@code local} when it
 * is loopback or LAN, else unknown (null), which no region list admits.
 *
 * <p>{@code region: "eu"} on a built-in provider that has an EU endpoint ({@code openrouter}:
 * {@code https://eu.openrouter.ai/api/v1}) and no base URL of its own switches to that endpoint.
 */
final class ProviderRegions {

    private ProviderRegions() {}

    /** The base URL to call: the vendor's regional endpoint when the region selects one and none was written. */
    static String baseUrl(ProviderConfig pc, BuiltinProvider builtin) {
        if (builtin == null || pc.region() == null || !sameUrl(pc.baseUrl(), builtin.defaults().baseUrl())) {
            return pc.baseUrl();
        }
        String regional = builtin.regionBaseUrls().get(pc.region());
        return regional != null ? regional : pc.baseUrl();
    }

    /** The region as written, else the vendor's for its own endpoints, else null (derived from the address). */
    static String region(ProviderConfig pc, BuiltinProvider builtin, String baseUrl) {
        if (pc.region() != null) {
            return pc.region();
        }
        if (builtin == null || builtin.region() == null) {
            return null;
        }
        if (sameUrl(baseUrl, builtin.defaults().baseUrl())) {
            return builtin.region();
        }
        for (Map.Entry<String, String> e : builtin.regionBaseUrls().entrySet()) {
            if (sameUrl(baseUrl, e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * A written region that the provider's endpoint contradicts: {@code anthropic: { region: "eu" }} still calls
     * the vendor's US endpoint, and a data policy would believe the region. Null when there is nothing to say.
     */
    static String vendorEndpointMismatch(String id, ProviderConfig pc, ProviderSpec spec) {
        BuiltinProvider builtin = BuiltinProviders.all().get(id);
        if (pc.region() == null || spec == null || builtin == null || builtin.region() == null) {
            return null;
        }
        String endpointRegion = sameUrl(spec.baseUrl(), builtin.defaults().baseUrl()) ? builtin.region() : null;
        for (Map.Entry<String, String> e : builtin.regionBaseUrls().entrySet()) {
            if (sameUrl(spec.baseUrl(), e.getValue())) {
                endpointRegion = e.getKey();
            }
        }
        if (endpointRegion == null || endpointRegion.equals(pc.region())) {
            return null;
        }
        return "region \"" + pc.region() + "\" but " + spec.baseUrl() + " is " + id + "'s " + endpointRegion
                + " endpoint (Clawgate knows no " + pc.region() + " endpoint for it)";
    }

    private static boolean sameUrl(String a, String b) {
        return a != null && b != null && Objects.equals(trim(a), trim(b));
    }

    private static String trim(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
