package dev.clawgate.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code provider/model} reference. The string is split on the FIRST '/', so OpenRouter-style ids
 * keep their own slashes: {@code openrouter/moonshotai/kimi-k2} is provider {@code openrouter}, model
 * {@code moonshotai/kimi-k2}. Provider ids are lower-cased; model ids keep their case (LM Studio keys
 * such as {@code qwen/Qwen3-8B} are case-sensitive on the server).
 */
public record ModelRef(String provider, String model) {

    /** Parses {@code raw}; empty when it has no '/' or an empty provider or model part. */
    public static Optional<ModelRef> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        int slash = trimmed.indexOf('/');
        if (slash <= 0 || slash == trimmed.length() - 1) {
            return Optional.empty();
        }
        String provider = normalizeProvider(trimmed.substring(0, slash));
        String model = trimmed.substring(slash + 1).trim();
        return provider.isEmpty() || model.isEmpty() ? Optional.empty() : Optional.of(new ModelRef(provider, model));
    }

    /** Trimmed and lower-cased: provider ids are case-insensitive. */
    public static String normalizeProvider(String provider) {
        return provider.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code provider/model}. */
    public String key() {
        return provider + "/" + model;
    }

    @Override
    public String toString() {
        return key();
    }
}
