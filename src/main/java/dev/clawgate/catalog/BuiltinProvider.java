package dev.clawgate.catalog;

import dev.clawgate.config.ProviderConfig;

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
 */
public record BuiltinProvider(String id, ProviderConfig defaults, String apiKeyEnv, String placeholderKey,
        String defaultModel, String unsupportedReason, boolean baseUrlRequired) {

    public BuiltinProvider(String id, ProviderConfig defaults, String apiKeyEnv, String placeholderKey,
            String defaultModel) {
        this(id, defaults, apiKeyEnv, placeholderKey, defaultModel, null, false);
    }
}
