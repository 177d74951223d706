package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ProviderSpec;
import java.net.URI;
import java.util.Locale;

/**
 * OpenRouter routes each request on to one of many hosts, so Clawgate's region check of OpenRouter itself is
 * not enough: under a data policy its request body's {@code provider} object (the user's
 * {@code params.provider} merged in already) is tightened so that OpenRouter cannot route around it:
 * {@code data_collection: "deny"} (no host that retains or trains on prompts), {@code zdr: true} (zero data
 * retention endpoints only) and {@code allow_fallbacks: false} (no host outside the user's {@code order} or
 * {@code only}). A region list does not map to OpenRouter's host slugs, so {@code only} is left as the user
 * wrote it; the EU endpoint ({@code region: "eu"}) is what keeps requests in the EU.
 */
public final class OpenRouterPolicy {

    private OpenRouterPolicy() {}

    /** True for the built-in {@code openrouter} provider and any provider whose host is OpenRouter's. */
    public static boolean isOpenRouter(ProviderSpec provider) {
        if ("openrouter".equals(provider.id())) {
            return true;
        }
        try {
            String host = URI.create(provider.baseUrl()).getHost();
            return host != null && (host.toLowerCase(Locale.ROOT).equals("openrouter.ai")
                    || host.toLowerCase(Locale.ROOT).endsWith(".openrouter.ai"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Tightens {@code body.provider} when a data policy applies and the upstream is OpenRouter. */
    public static ObjectNode apply(ObjectNode body, ProviderSpec provider, DataPolicy policy) {
        if (policy == null || !policy.restricts() || !isOpenRouter(provider)) {
            return body;
        }
        JsonNode existing = body.get("provider");
        ObjectNode routing = existing instanceof ObjectNode o ? o : body.putObject("provider");
        routing.put("data_collection", "deny");
        routing.put("zdr", true);
        routing.put("allow_fallbacks", false);
        return body;
    }
}
