package dev.clawgate.catalog;

import dev.clawgate.config.ProviderConfig;
import java.util.Map;

/**
 * A provider Clawgate ships: its endpoint defaults and hosted model rows, written in the same shape as a
 * configured provider so that {@code merge} can overlay one on the other field by field.
 *
 * @param id lower-case provider id
 * @param defaults base URL, api, provider-level limits and model rows; {@code apiKey} is always null
 * @param apiKeyEnv the environment variable that holds the provider's key ({@code ANTHROPIC_API_KEY})
 * @param placeholderKey a non-secret marker some local servers expect ({@code lmstudio-local}), or null
 * @param defaultModel the model id the built-in default config falls back to when this hosted provider's
 *     key is set, or null
 * @param unsupportedReason why Clawgate cannot call this provider (a login or signing scheme it does not
 *     have), or null: such a provider loads, and the router skips it with this reason
 * @param baseUrlRequired the built-in base URL is a template (it names the user's account): the provider is
 *     unusable, for {@code unsupportedReason}, until the config gives its own base URL
 * @param region the vendor's jurisdiction ({@code us}, {@code eu}, {@code cn}...) for its default endpoint, or
 *     null for a local server (derived from the address)
 * @param regionBaseUrls the vendor's regional endpoints by region ({@code eu}: {@code https://eu.openrouter.ai/api/v1}):
 *     {@code region: "eu"} without a base URL selects it
 */
public record BuiltinProvider(String id, ProviderConfig defaults, String apiKeyEnv, String placeholderKey,
        String defaultModel, String unsupportedReason, boolean baseUrlRequired, String region,
        Map<String, String> regionBaseUrls) {

    public BuiltinProvider {
        regionBaseUrls = regionBaseUrls == null ? Map.of() : Map.copyOf(regionBaseUrls);
    }

    public BuiltinProvider(String id, ProviderConfig defaults, String apiKeyEnv, String placeholderKey,
            String defaultModel, String unsupportedReason, boolean baseUrlRequired) {
        this(id, defaults, apiKeyEnv, placeholderKey, defaultModel, unsupportedReason, baseUrlRequired, null, null);
    }

    public BuiltinProvider(String id, ProviderConfig defaults, String apiKeyEnv, String placeholderKey,
            String defaultModel) {
        this(id, defaults, apiKeyEnv, placeholderKey, defaultModel, null, false);
    }
}
