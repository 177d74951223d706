package dev.clawgate.catalog;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.Environment;
import dev.clawgate.config.ModelConfig;
import dev.clawgate.config.ModelsConfig;
import dev.clawgate.config.ProviderConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns configured providers plus the built-in ones into {@link ProviderSpec}s and {@link ModelSpec}s with
 * every default applied (OpenClaw model layer §2.3): api {@code openai-completions} when a provider gives
 * only a base URL, {@code reasoning false}, input {@code [text]}, cost 0, the provider's
 * {@code contextWindow}/{@code contextTokens}/{@code maxTokens} as defaults for its rows, and
 * {@link ModelSpec#DEFAULT_CONTEXT_WINDOW} when nothing gives a window.
 */
final class CatalogBuilder {

    static final String DEFAULT_API = "openai-completions";
    static final Duration LOCAL_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(120);
    static final Duration HOSTED_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Providers and model rows: configured rows first, then built-in rows, then synthetic rows for
     * allowlist entries the catalog does not know (their refs are in {@code syntheticRefs}).
     */
    record Inventory(Map<String, ProviderSpec> providers, List<ModelSpec> models, Set<String> syntheticRefs) {}

    private CatalogBuilder() {}

    static Inventory build(ClawgateConfig config, Environment processEnv) {
        // the config's env block stands in for unset variables in every key lookup, not only in ${VAR}s
        Environment env = config.env().over(processEnv);
        Map<String, ProviderConfig> configured = configuredProviders(config.models());
        Map<String, ProviderConfig> effective = effectiveProviders(configured, config.models().mode());
        Integer agentContextCap = config.agents().defaults().contextTokens();

        Map<String, ProviderSpec> providers = new LinkedHashMap<>();
        List<ModelSpec> configuredRows = new ArrayList<>();
        List<ModelSpec> otherRows = new ArrayList<>();
        for (Map.Entry<String, ProviderConfig> e : effective.entrySet()) {
            String id = e.getKey();
            ProviderConfig pc = e.getValue();
            if (pc.baseUrl() == null || pc.baseUrl().isBlank()) {
                continue; // unusable without an endpoint; CatalogValidator reports it
            }
            ProviderSpec spec = providerSpec(id, pc, configured.containsKey(id), env);
            providers.put(id, spec);
            ProviderConfig written = configured.get(id);
            for (ModelConfig row : pc.models()) {
                if (row.id() == null || row.id().isBlank()) {
                    continue;
                }
                boolean isConfiguredRow = written != null
                        && written.models().stream().anyMatch(w -> row.id().trim().equals(trimmed(w.id())));
                ModelSpec model = modelSpec(spec, pc, row, isConfiguredRow, agentContextCap);
                (isConfiguredRow ? configuredRows : otherRows).add(model);
            }
        }
        List<ModelSpec> models = new ArrayList<>(configuredRows);
        models.addAll(otherRows);
        Set<String> synthetic = new LinkedHashSet<>();
        for (String key : referencedModels(config)) {
            ModelRef ref = ModelRef.parse(key).orElse(null);
            if (ref == null || ref.model().equals("*") || !providers.containsKey(ref.provider())) {
                continue; // wildcards name no model; unknown providers are reported by CatalogValidator
            }
            List<String> listed = models.stream().filter(m -> m.provider().id().equals(ref.provider()))
                    .map(ModelSpec::id).toList();
            boolean known = listed.stream().anyMatch(id -> id.equalsIgnoreCase(ref.model()));
            if (!known && !looksLikeTypo(ref.model(), listed)) {
                ModelSpec row = syntheticModel(providers.get(ref.provider()), effective.get(ref.provider()), ref.model());
                models.add(row);
                synthetic.add(row.ref());
            }
        }
        return new Inventory(providers, models, synthetic);
    }

    /**
     * Every {@code provider/model} the config names: allowlist keys, then the default chain and each
     * agent's. A model its provider does not list gets a row with default settings, as OpenClaw resolves
     * such references at run time (a local server's model list, a hosted provider's own catalog).
     */
    private static Set<String> referencedModels(ClawgateConfig config) {
        Set<String> out = new LinkedHashSet<>(config.agents().defaults().models().keySet());
        addChain(out, config.agents().defaults().model());
        for (AgentsConfig.Agent agent : config.agents().list()) {
            addChain(out, agent.model());
        }
        return out;
    }

    private static void addChain(Set<String> out, AgentsConfig.ModelChain chain) {
        if (chain == null) {
            return;
        }
        if (chain.primary() != null && chain.primary().contains("/")) {
            out.add(chain.primary().trim());
        }
        if (chain.fallbacks() != null) {
            chain.fallbacks().stream().filter(f -> f != null && f.contains("/")).map(String::trim).forEach(out::add);
        }
    }

    /**
     * True when {@code id} is one edit away from a listed id and the edit is not in a digit: a misspelling
     * ({@code claude-sonet-4-5}), reported as an unknown model with the suggestion, rather than a newer
     * version ({@code claude-sonnet-4-6}) that the provider may well have.
     */
    static boolean looksLikeTypo(String id, List<String> listed) {
        String lower = id.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : listed) {
            String c = candidate.toLowerCase(java.util.Locale.ROOT);
            if (NearestMatches.distance(lower, c) == 1 && !withoutDigits(lower).equals(withoutDigits(c))) {
                return true;
            }
        }
        return false;
    }

    private static String withoutDigits(String s) {
        return s.replaceAll("[0-9]", "");
    }

    /** Configured providers keyed by normalized (trimmed, lower-case) id, in file order. */
    static Map<String, ProviderConfig> configuredProviders(ModelsConfig models) {
        Map<String, ProviderConfig> out = new LinkedHashMap<>();
        models.providers().forEach((id, pc) -> out.put(ModelRef.normalizeProvider(id), pc));
        return out;
    }

    private static Map<String, ProviderConfig> effectiveProviders(Map<String, ProviderConfig> configured,
            ModelsConfig.Mode mode) {
        boolean replace = mode == ModelsConfig.Mode.REPLACE;
        Map<String, BuiltinProvider> builtins = BuiltinProviders.all();
        Map<String, ProviderConfig> out = new LinkedHashMap<>();
        configured.forEach((id, pc) -> {
            BuiltinProvider builtin = builtins.get(id);
            if (builtin == null) {
                out.put(id, pc);
            } else {
                out.put(id, replace ? ProviderOverlay.endpointDefaults(builtin.defaults(), pc)
                        : ProviderOverlay.merge(builtin.defaults(), pc));
            }
        });
        if (!replace) {
            builtins.forEach((id, builtin) -> out.putIfAbsent(id, builtin.defaults()));
        }
        return out;
    }

    static ProviderSpec providerSpec(String id, ProviderConfig pc, boolean configured, Environment env) {
        String api = pc.api() != null && !pc.api().isBlank() ? pc.api().trim() : DEFAULT_API;
        BuiltinProvider builtin = BuiltinProviders.all().get(id);
        String baseUrl = normalizeBaseUrl(ProviderRegions.baseUrl(pc, builtin), api);
        boolean local = NetworkLocality.isLocalUrl(baseUrl);
        Credentials.Credential credential = Credentials.resolve(pc.apiKey(), BuiltinProviders.apiKeyEnv(id),
                builtin == null ? null : builtin.placeholderKey(), local, env);
        Duration timeout = pc.timeoutSeconds() != null && pc.timeoutSeconds() > 0
                ? Duration.ofSeconds(pc.timeoutSeconds())
                : local ? LOCAL_FIRST_BYTE_TIMEOUT : HOSTED_FIRST_BYTE_TIMEOUT;
        Duration idle = pc.idleTimeoutSeconds() != null && pc.idleTimeoutSeconds() > 0
                ? Duration.ofSeconds(pc.idleTimeoutSeconds()) : timeout;
        return new ProviderSpec(id, baseUrl, api, credential.value(), credential.source(), pc.headers(),
                Boolean.TRUE.equals(pc.authHeader()), timeout, pc.params(), builtin != null, configured, idle,
                unusableReason(id, pc, api, builtin), ProviderRegions.region(pc, builtin, baseUrl));
    }

    /** Why this provider cannot be called, or null (see {@link ProviderSpec#unusableReason()}). */
    private static String unusableReason(String id, ProviderConfig pc, String api, BuiltinProvider builtin) {
        if (!pc.unsetVariables().isEmpty()) {
            return "environment variable " + String.join(", ", pc.unsetVariables()) + " is not set (used in"
                    + " models.providers." + id + ")";
        }
        boolean ownBaseUrl = builtin != null && builtin.baseUrlRequired()
                && !builtin.defaults().baseUrl().equals(pc.baseUrl());
        if (builtin != null && builtin.unsupportedReason() != null && !ownBaseUrl) {
            return builtin.unsupportedReason();
        }
        if (!ModelsConfig.CLAWGATE_APIS.contains(api)) {
            return "api '" + api + "' is not implemented by Clawgate (it has " + String.join(", ",
                    ModelsConfig.CLAWGATE_APIS) + ")";
        }
        return null;
    }

    /**
     * Strips trailing slashes; for the native Ollama API also a trailing {@code /v1}, which users copy
     * from OpenAI-style examples and which breaks {@code /api/chat}.
     */
    static String normalizeBaseUrl(String raw, String api) {
        String url = raw.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if ("ollama".equals(api) && url.endsWith("/v1")) {
            url = url.substring(0, url.length() - 3);
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
        }
        return url;
    }

    static ModelSpec modelSpec(ProviderSpec provider, ProviderConfig pc, ModelConfig row, boolean configured,
            Integer agentContextCap) {
        int window = firstPositive(row.contextWindow(), pc.contextWindow(), ModelSpec.DEFAULT_CONTEXT_WINDOW);
        Integer cap = row.contextTokens() != null ? row.contextTokens() : pc.contextTokens();
        // agents.defaults.contextTokens caps every model; recorded only where it actually lowers the window
        if (agentContextCap != null && agentContextCap > 0
                && agentContextCap < (cap != null ? Math.min(cap, window) : window)) {
            cap = agentContextCap;
        }
        Integer maxTokens = row.maxTokens() != null ? row.maxTokens() : pc.maxTokens();
        String api = row.api() != null && !row.api().isBlank() ? row.api().trim() : provider.api();
        String id = row.id().trim();
        String name = row.name() != null && !row.name().isBlank() ? row.name() : id;
        return new ModelSpec(provider, id, name, api, Boolean.TRUE.equals(row.reasoning()), row.input(),
                cost(row.cost()), window, cap, maxTokens, row.compat(), configured, row.kind());
    }

    /** A row for an allowlist entry the catalog does not know (OpenClaw trusts allowlist entries). */
    static ModelSpec syntheticModel(ProviderSpec provider, ProviderConfig pc, String modelId) {
        return modelSpec(provider, pc, new ModelConfig(modelId, modelId, null, null, null, null, null, null, null,
                null, null), false, null);
    }

    private static ModelCost cost(ModelConfig.CostConfig c) {
        if (c == null) {
            return ModelCost.FREE;
        }
        return new ModelCost(orZero(c.input()), orZero(c.output()), orZero(c.cacheRead()), orZero(c.cacheWrite()));
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private static int firstPositive(Integer a, Integer b, int fallback) {
        if (a != null && a > 0) {
            return a;
        }
        return b != null && b > 0 ? b : fallback;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
