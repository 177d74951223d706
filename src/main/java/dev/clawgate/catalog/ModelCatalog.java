package dev.clawgate.catalog;

import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every model Clawgate can call, with the default chain and aliases: the built-in catalog overlaid with
 * the configuration ({@code merge}) or the configuration alone ({@code replace}). Immutable; a config
 * reload builds a new one.
 */
public final class ModelCatalog {

    /** Builds the catalog of a loaded configuration, resolving credentials from {@code env}. */
    public static ModelCatalog build(ClawgateConfig config, Environment env) {
        throw new UnsupportedOperationException("catalog work in progress");
    }

    /** All models, configured rows first, in a stable order. */
    public List<ModelSpec> models() {
        throw new UnsupportedOperationException();
    }

    public List<ProviderSpec> providers() {
        throw new UnsupportedOperationException();
    }

    public Optional<ModelSpec> find(String providerId, String modelId) {
        throw new UnsupportedOperationException();
    }

    /**
     * Resolves an alias (case-insensitive) or a {@code provider/model} reference (split on the first '/').
     *
     * @throws ModelRefException naming the reference and the nearest matches
     */
    public ModelSpec resolve(String refOrAlias) {
        throw new UnsupportedOperationException();
    }

    /** The default agent's chain: primary first, then its fallbacks, resolved and de-duplicated. */
    public List<ModelSpec> defaultChain() {
        throw new UnsupportedOperationException();
    }

    /** Alias (as written) to {@code provider/model}. */
    public Map<String, String> aliases() {
        throw new UnsupportedOperationException();
    }
}
