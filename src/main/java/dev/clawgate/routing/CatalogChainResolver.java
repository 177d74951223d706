package dev.clawgate.routing;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelRefException;
import dev.clawgate.catalog.ModelRef;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Candidate chains from the model catalog, with the gateway's rules: no model means the default chain; a
 * model that is in a configured chain (by reference or alias) starts there and continues down that chain;
 * any other catalog model is served alone. The catalog comes from a supplier so that a config reload
 * changes chains for new requests without touching the router (or its cooldown state).
 */
public final class CatalogChainResolver implements ChainResolver {

    private final Supplier<ModelCatalog> catalog;
    private final LocalModelDiscovery discovery; // null: no run-time discovery (models used as the catalog has them)

    public CatalogChainResolver(Supplier<ModelCatalog> catalog) {
        this(catalog, null);
    }

    public CatalogChainResolver(Supplier<ModelCatalog> catalog, LocalModelDiscovery discovery) {
        this.catalog = catalog;
        this.discovery = discovery;
    }

    @Override
    public List<ModelSpec> candidates(String requestedModel, RouteOptions options) {
        List<ModelSpec> chain = catalogCandidates(requestedModel, options);
        if (discovery == null) {
            return chain;
        }
        ModelCatalog c = catalog.get();
        List<ModelSpec> confirmed = new ArrayList<>();
        UnknownModelException firstMissing = null;
        for (ModelSpec m : chain) {
            if (!m.provider().isLocal() || !c.isSynthetic(m)) {
                confirmed.add(m);
                continue;
            }
            try {
                confirmed.add(discovery.confirm(m, requestedModel == null ? m.ref() : requestedModel));
            } catch (UnknownModelException e) {
                firstMissing = firstMissing != null ? firstMissing : e; // the rest of the chain may still serve
            }
        }
        if (confirmed.isEmpty() && firstMissing != null) {
            throw firstMissing;
        }
        return confirmed;
    }

    private List<ModelSpec> catalogCandidates(String requestedModel, RouteOptions options) {
        ModelCatalog c = catalog.get();
        boolean unnamed = requestedModel == null || requestedModel.isBlank();
        if (options != null && options.fallbacksOverride() != null) {
            List<ModelSpec> chain = new ArrayList<>();
            chain.add(unnamed ? first(c.defaultChain(), requestedModel, c) : resolve(c, requestedModel));
            for (String ref : options.fallbacksOverride()) {
                chain.add(resolve(c, ref));
            }
            return dedupe(chain);
        }
        if (unnamed) {
            first(c.defaultChain(), requestedModel, c); // throws a clear error when there is no default
            return c.defaultChain();
        }
        ModelSpec model = resolve(c, requestedModel);
        Optional<List<ModelSpec>> chain = c.chainFrom(model.ref());
        if (chain.isPresent()) {
            return chain.get();
        }
        if (!c.isAllowed(model.ref()) && !discoveredAndAllowed(c, model)) {
            throw new UnknownModelException(requestedModel, "model \"" + model.ref()
                    + "\" is not allowed: agents.defaults.models is an allowlist and does not name it", available(c));
        }
        return List.of(model);
    }

    private ModelSpec resolve(ModelCatalog c, String ref) {
        try {
            return c.resolve(ref);
        } catch (ModelRefException e) {
            Optional<ModelSpec> discovered = discovered(c, ref);
            if (discovered.isPresent()) {
                return discovered.get();
            }
            String hint = e.suggestions().isEmpty() ? "" : " (did you mean " + String.join(", ", e.suggestions()) + "?)";
            throw new UnknownModelException(ref, e.getMessage() + hint, available(c));
        }
    }

    /** A {@code provider/model} of a local provider the catalog has no row for: asked of the server. */
    private Optional<ModelSpec> discovered(ModelCatalog c, String ref) {
        if (discovery == null) {
            return Optional.empty();
        }
        Optional<ModelRef> parsed = ModelRef.parse(ref.trim());
        Optional<ProviderSpec> provider = parsed.flatMap(r -> c.provider(r.provider()));
        if (provider.isEmpty() || !provider.get().isLocal() || provider.get().unusableReason() != null) {
            return Optional.empty();
        }
        return Optional.of(discovery.discover(provider.get(), parsed.get().model(), ref));
    }

    /** A discovered model is allowed when there is no allowlist, or it allows the model or its whole provider. */
    private static boolean discoveredAndAllowed(ModelCatalog c, ModelSpec model) {
        if (c.tryResolve(model.ref()).isPresent()) {
            return false;
        }
        return c.allowlist().isEmpty() || c.allowlist().contains(model.provider().id() + "/*")
                || c.allowlist().contains(model.ref());
    }

    private static ModelSpec first(List<ModelSpec> chain, String requested, ModelCatalog c) {
        if (chain.isEmpty()) {
            throw new UnknownModelException(requested, "no default model is configured and none resolves: set "
                    + "agents.defaults.model.primary", available(c));
        }
        return chain.get(0);
    }

    /**
     * What a caller could ask for instead: aliases first, then models some chain uses, then configured rows;
     * only what {@link #servable} accepts, so that no name offered here is then refused.
     */
    static List<String> available(ModelCatalog c) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        c.aliases().keySet().stream().filter(a -> servable(c, a)).forEach(a -> names.put(a, true));
        c.modelsInUse().forEach(m -> names.put(m.ref(), true));
        c.models().stream().filter(m -> m.configured() && servable(c, m.ref())).forEach(m -> names.put(m.ref(), true));
        return List.copyOf(names.keySet());
    }

    /**
     * Whether a request naming this model is served: it is in the default chain or an agent's chain, or the
     * allowlist ({@code agents.defaults.models}) allows it. The model list and error hints use the same rule.
     */
    public static boolean servable(ModelCatalog c, String refOrAlias) {
        if (c.isAllowed(refOrAlias)) {
            return true;
        }
        ModelSpec model = c.tryResolve(refOrAlias).orElse(null);
        return model != null && c.modelsInUse().stream().anyMatch(m -> m.ref().equals(model.ref()));
    }

    private static List<ModelSpec> dedupe(List<ModelSpec> chain) {
        Map<String, ModelSpec> seen = new LinkedHashMap<>();
        chain.forEach(m -> seen.putIfAbsent(m.ref(), m));
        return List.copyOf(seen.values());
    }
}
