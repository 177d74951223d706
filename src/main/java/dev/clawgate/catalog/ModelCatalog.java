package dev.clawgate.catalog;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.Environment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Every model Clawgate can call, with the default chain and aliases: the built-in catalog overlaid with
 * the configuration ({@code merge}) or the configuration alone ({@code replace}). Immutable; a config
 * reload builds a new one.
 */
public final class ModelCatalog {

    /** OpenClaw's hard-coded default when nothing else names a primary model. */
    static final String FALLBACK_DEFAULT_REF = "anthropic/claude-opus-4-6";

    private final Map<String, ProviderSpec> providers;
    private final List<ModelSpec> models;
    private final Set<String> syntheticRefs;
    private final Map<String, String> aliases;
    private final Set<String> allowlist;
    private final String primaryRef;
    private final List<String> fallbackRefs;
    private final List<AgentsConfig.Agent> agents;
    private final ReferenceResolver resolver;
    // Resolved once per catalog (a reload builds a new one): the router asks for chains on every request.
    private final List<ModelSpec> defaultChain;
    /** Lower-cased, trimmed agent id to its resolved chain; the first agent of an id wins. */
    private final Map<String, List<ModelSpec>> agentChains;
    private final List<String> agentIds;
    /** A model's ref to the rest of the first chain (the default's, then each agent's) that has it. */
    private final Map<String, List<ModelSpec>> chainsFrom;

    private ModelCatalog(CatalogBuilder.Inventory inventory, AgentsConfig agentsConfig, boolean builtInDefault) {
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(inventory.providers()));
        AgentsConfig.Defaults defaults = agentsConfig.defaults();
        this.models = withModelParams(inventory.models(), defaults);
        this.syntheticRefs = Set.copyOf(inventory.syntheticRefs());
        this.aliases = aliasesOf(defaults);
        this.allowlist = allowlistOf(defaults);
        this.agents = agentsConfig.list();
        Map<String, String> aliasIndex = new LinkedHashMap<>();
        aliases.forEach((alias, target) -> aliasIndex.put(alias.toLowerCase(Locale.ROOT), target));
        this.resolver = new ReferenceResolver(providers, models, aliasIndex, List.copyOf(aliases.keySet()));
        AgentsConfig.ModelChain chain = defaults.model();
        this.primaryRef = chain != null && chain.primary() != null && !chain.primary().isBlank()
                ? chain.primary().trim() : implicitPrimary(inventory);
        boolean fallbacksWritten = chain != null && chain.fallbacks() != null;
        this.fallbackRefs = fallbacksWritten
                ? chain.fallbacks().stream().filter(f -> f != null && !f.isBlank()).map(String::trim).toList()
                : builtInDefault ? hostedFallbacks(inventory) : List.of();
        this.defaultChain = resolveChain(primaryRef, fallbackRefs);
        this.agentIds = agents.stream().map(AgentsConfig.Agent::id).filter(id -> id != null && !id.isBlank()).toList();
        Map<String, List<ModelSpec>> byAgent = new LinkedHashMap<>();
        for (AgentsConfig.Agent agent : agents) {
            if (agent.id() != null) {
                byAgent.putIfAbsent(agentKey(agent.id()), chainOf(agent));
            }
        }
        this.agentChains = Collections.unmodifiableMap(byAgent);
        Map<String, List<ModelSpec>> from = new LinkedHashMap<>();
        addSuffixes(from, defaultChain);
        for (String id : agentIds) {
            addSuffixes(from, agentChains.get(agentKey(id)));
        }
        this.chainsFrom = Collections.unmodifiableMap(from);
    }

    private static String agentKey(String agentId) {
        return agentId.trim().toLowerCase(Locale.ROOT);
    }

    private static void addSuffixes(Map<String, List<ModelSpec>> into, List<ModelSpec> chain) {
        for (int i = 0; i < chain.size(); i++) {
            into.putIfAbsent(chain.get(i).ref(), chain.subList(i, chain.size()));
        }
    }

    /**
     * Builds the catalog of a loaded configuration, resolving credentials from {@code env}.
     *
     * <p>For the built-in default configuration ({@code config.source() == null}) without written
     * fallbacks, each hosted provider whose key is set adds its default model as a fallback (Anthropic
     * Opus, OpenAI GPT-5, OpenRouter MiniMax M2.1, in that order): the README's promise that the
     * zero-config setup keeps hosted models as a safety net when their keys exist.
     */
    public static ModelCatalog build(ClawgateConfig config, Environment env) {
        return new ModelCatalog(CatalogBuilder.build(config, env), config.agents(), config.source() == null);
    }

    /** All models, configured rows first, in a stable order. */
    public List<ModelSpec> models() {
        return models;
    }

    public List<ProviderSpec> providers() {
        return List.copyOf(providers.values());
    }

    /** The provider with this id (case-insensitive). */
    public Optional<ProviderSpec> provider(String providerId) {
        return providerId == null ? Optional.empty()
                : Optional.ofNullable(providers.get(ModelRef.normalizeProvider(providerId)));
    }

    /** Exact model id first, then a case-insensitive match when only one model of the provider has it. */
    public Optional<ModelSpec> find(String providerId, String modelId) {
        return resolver.find(providerId, modelId);
    }

    /**
     * Resolves an alias (case-insensitive) or a {@code provider/model} reference (split on the first '/').
     *
     * @throws ModelRefException naming the reference and the nearest matches
     */
    public ModelSpec resolve(String refOrAlias) {
        return resolver.resolve(refOrAlias);
    }

    /** Like {@link #resolve} but empty instead of throwing. */
    public Optional<ModelSpec> tryResolve(String refOrAlias) {
        return resolver.tryResolve(refOrAlias);
    }

    /** Nearest catalog refs and aliases to a mistyped reference, best first. */
    public List<String> suggestions(String reference) {
        return resolver.suggestions(reference);
    }

    /**
     * The default agent's chain: primary first, then its fallbacks, resolved and de-duplicated. References
     * that resolve to nothing are left out (CatalogValidator reports them when the config loads).
     */
    public List<ModelSpec> defaultChain() {
        return defaultChain;
    }

    /**
     * The default primary as written (or OpenClaw's implicit choice when none is written: the first
     * configured provider's first model, else {@code anthropic/claude-opus-4-6}).
     */
    public String primaryRef() {
        return primaryRef;
    }

    /** {@code agents.defaults.model.fallbacks} as written, in order. */
    public List<String> fallbackRefs() {
        return fallbackRefs;
    }

    /** Alias (as written) to {@code provider/model}. */
    public Map<String, String> aliases() {
        return aliases;
    }

    /** The aliases that point at this model, in config order. */
    public List<String> aliasesFor(String ref) {
        Optional<ModelSpec> target = tryResolve(ref);
        if (target.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        aliases.forEach((alias, aliasTarget) -> {
            if (tryResolve(aliasTarget).map(m -> m.ref().equals(target.get().ref())).orElse(false)) {
                out.add(alias);
            }
        });
        return out;
    }

    /** The first alias that points at this model. */
    public Optional<String> aliasFor(String ref) {
        return aliasesFor(ref).stream().findFirst();
    }

    /** The keys of {@code agents.defaults.models}, normalized; empty means every catalog model is allowed. */
    public Set<String> allowlist() {
        return allowlist;
    }

    /**
     * Whether an explicit pick of this model is allowed (OpenClaw model layer §3.2): with no allowlist any
     * catalog model; otherwise allowlisted models ({@code provider/*} allows a whole provider) and the
     * default chain, which the allowlist never filters.
     */
    public boolean isAllowed(String refOrAlias) {
        Optional<ModelSpec> model = tryResolve(refOrAlias);
        if (model.isEmpty()) {
            return false;
        }
        if (allowlist.isEmpty()) {
            return true;
        }
        String ref = model.get().ref();
        for (String entry : allowlist) {
            if (entry.endsWith("/*") && entry.substring(0, entry.length() - 2).equals(model.get().provider().id())) {
                return true;
            }
            if (tryResolve(entry).map(m -> m.ref().equals(ref)).orElse(false)) {
                return true;
            }
        }
        return defaultChain().stream().anyMatch(m -> m.ref().equals(ref));
    }

    /**
     * The chain for a request naming a model: none (null, blank) or the default primary gives the default
     * chain; any other model is an explicit pick and is strict (no fallbacks), as in OpenClaw.
     *
     * @throws ModelRefException when the model is unknown or not allowed
     */
    public List<ModelSpec> chainFor(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultChain();
        }
        ModelSpec model = resolve(requested);
        List<ModelSpec> chain = defaultChain();
        if (!chain.isEmpty() && chain.get(0).ref().equals(model.ref())) {
            return chain;
        }
        if (!isAllowed(model.ref())) {
            String reason = "model \"" + model.ref() + "\" is not allowed (not in agents.defaults.models)";
            List<String> allowed = List.copyOf(allowlist);
            throw new ModelRefException(requested, reason, reason + "; allowed: " + String.join(", ", allowed),
                    allowed);
        }
        return List.of(model);
    }

    /**
     * An agent's chain ({@code agents.list[]}): no {@code model} inherits the default chain; a model with a
     * primary and no {@code fallbacks} is strict; {@code fallbacks} alone keeps the shared primary.
     *
     * @throws NoSuchElementException when no agent has this id (case-insensitive)
     */
    public List<ModelSpec> agentChain(String agentId) {
        List<ModelSpec> chain = agentChains.get(agentKey(agentId == null ? "" : agentId));
        if (chain == null) {
            throw new NoSuchElementException("unknown agent \"" + agentId + "\"");
        }
        return chain;
    }

    /**
     * The chain a request for {@code ref} walks: the rest of the first chain that has the model, the default
     * chain's first, then each agent's in {@code agents.list[]} order; empty when no chain has it.
     */
    public Optional<List<ModelSpec>> chainFrom(String ref) {
        return Optional.ofNullable(chainsFrom.get(ref));
    }

    private List<ModelSpec> chainOf(AgentsConfig.Agent agent) {
        AgentsConfig.ModelChain chain = agent.model();
        if (chain == null || (blank(chain.primary()) && chain.fallbacks() == null)) {
            return defaultChain;
        }
        if (blank(chain.primary())) {
            return resolveChain(primaryRef, chain.fallbacks());
        }
        return resolveChain(chain.primary(), chain.fallbacks() == null ? List.of() : chain.fallbacks());
    }

    /** The ids in {@code agents.list[]}, in order. */
    public List<String> agentIds() {
        return agentIds;
    }

    /** Models some chain uses: the default chain, then each agent's chain, de-duplicated. */
    public List<ModelSpec> modelsInUse() {
        Map<String, ModelSpec> inUse = new LinkedHashMap<>();
        defaultChain().forEach(m -> inUse.putIfAbsent(m.ref(), m));
        for (String id : agentIds()) {
            agentChain(id).forEach(m -> inUse.putIfAbsent(m.ref(), m));
        }
        return List.copyOf(inUse.values());
    }

    /** True for rows made up for allowlist entries the catalog does not know. */
    public boolean isSynthetic(ModelSpec model) {
        return syntheticRefs.contains(model.ref());
    }

    private List<ModelSpec> resolveChain(String primary, List<String> fallbacks) {
        Map<String, ModelSpec> chain = new LinkedHashMap<>();
        List<String> refs = new ArrayList<>();
        refs.add(primary);
        refs.addAll(fallbacks);
        for (String ref : refs) {
            if (ref != null) {
                tryResolve(ref).ifPresent(m -> chain.putIfAbsent(m.ref(), m));
            }
        }
        return List.copyOf(chain.values());
    }

    private static List<String> hostedFallbacks(CatalogBuilder.Inventory inventory) {
        List<String> out = new ArrayList<>();
        for (BuiltinProvider builtin : BuiltinProviders.all().values()) {
            ProviderSpec provider = inventory.providers().get(builtin.id());
            if (builtin.defaultModel() != null && provider != null && !provider.isLocal() && provider.hasCredential()) {
                out.add(builtin.id() + "/" + builtin.defaultModel());
            }
        }
        return List.copyOf(out);
    }

    private static String implicitPrimary(CatalogBuilder.Inventory inventory) {
        return inventory.models().stream()
                .filter(m -> m.provider().configured())
                .findFirst()
                .map(ModelSpec::ref)
                .orElse(FALLBACK_DEFAULT_REF);
    }

    /** Case-insensitive aliases; the last definition of an alias wins, as in OpenClaw. */
    /** Each model with its {@code agents.defaults.models["<ref>"].params}, where written. */
    private static List<ModelSpec> withModelParams(List<ModelSpec> models, AgentsConfig.Defaults defaults) {
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> byRef = new LinkedHashMap<>();
        defaults.models().forEach((key, entry) -> {
            if (entry != null && entry.params() != null && !entry.params().isEmpty()) {
                byRef.put(normalizeKey(key).toLowerCase(Locale.ROOT), entry.params());
            }
        });
        if (byRef.isEmpty()) {
            return List.copyOf(models);
        }
        return models.stream().map(m -> {
            var params = byRef.get(m.ref().toLowerCase(Locale.ROOT));
            return params != null ? m.withParams(params) : m;
        }).toList();
    }

    private static Map<String, String> aliasesOf(AgentsConfig.Defaults defaults) {
        Map<String, String> byLower = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        defaults.models().forEach((key, entry) -> {
            if (entry == null || entry.alias() == null || entry.alias().isBlank()) {
                return;
            }
            String alias = entry.alias().trim();
            String previous = byLower.put(alias.toLowerCase(Locale.ROOT), alias);
            if (previous != null) {
                written.remove(previous);
            }
            written.put(alias, normalizeKey(key));
        });
        return Collections.unmodifiableMap(written);
    }

    private static Set<String> allowlistOf(AgentsConfig.Defaults defaults) {
        Set<String> out = new LinkedHashSet<>();
        defaults.models().keySet().forEach(key -> out.add(normalizeKey(key)));
        return Collections.unmodifiableSet(out);
    }

    /** {@code provider/model} with the provider lower-cased; anything else trimmed. */
    static String normalizeKey(String key) {
        return ModelRef.parse(key).map(ModelRef::key).orElse(key.trim());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "ModelCatalog[" + providers.size() + " providers, " + models.size() + " models, default " + primaryRef
                + "]";
    }
}
