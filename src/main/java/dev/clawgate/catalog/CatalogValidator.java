package dev.clawgate.catalog;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.ConfigPaths;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.config.ConfigProblem.Severity;
import dev.clawgate.config.ProviderConfig;
import dev.clawgate.config.SourceMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every model reference in {@code agents} against the catalog when the config loads. OpenClaw
 * finds an unknown model only when a request arrives ({@code Unknown model: ...}); finding it here, with
 * the nearest matches, turns a silent runtime fallback into a fixable config error.
 *
 * <p>Errors: a chain or allowlist reference that resolves to no model, a custom provider without a
 * base URL. Warnings: allowlist entries the catalog does not know (used with default settings), bare ids
 * without a provider, duplicate aliases, and providers in use without a credential.
 */
public final class CatalogValidator {

    private final ClawgateConfig config;
    private final ModelCatalog catalog;
    private final List<CatalogIssue> issues = new ArrayList<>();
    private final Set<String> providersWarnedAboutAuth = new HashSet<>();
    private final Set<String> providersReportedUnusable = new HashSet<>();
    /** True while checking {@code agents.defaults.model}, where an unusable provider is an error. */
    private boolean defaultChain;

    private CatalogValidator(ClawgateConfig config, ModelCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    /** Every issue, errors and warnings, in config order. */
    public static List<CatalogIssue> check(ClawgateConfig config, ModelCatalog catalog) {
        CatalogValidator v = new CatalogValidator(config, catalog);
        v.checkProviders();
        AgentsConfig.Defaults defaults = config.agents().defaults();
        v.defaultChain = true;
        v.checkChain("agents.defaults.model", defaults.model());
        v.defaultChain = false;
        v.checkAllowlist(defaults.models());
        List<AgentsConfig.Agent> agents = config.agents().list();
        for (int i = 0; i < agents.size(); i++) {
            v.checkChain(ConfigPaths.index("agents.list", i) + ".model", agents.get(i).model());
        }
        return List.copyOf(v.issues);
    }

    /**
     * Every issue as a {@link ConfigProblem} positioned where the reference is written (or at its nearest
     * written parent, e.g. {@code agents.defaults.model} when the chain is written as a plain string).
     */
    public static List<ConfigProblem> problems(ClawgateConfig config, ModelCatalog catalog, SourceMap sources) {
        return check(config, catalog).stream()
                .map(i -> i.isError() ? sources.error(i.path(), i.message(), i.hint())
                        : sources.warning(i.path(), i.message(), i.hint()))
                .toList();
    }

    private void checkProviders() {
        config.models().providers().forEach((key, pc) -> {
            String id = ModelRef.normalizeProvider(key);
            if (BuiltinProviders.find(id).isEmpty() && pc.models().isEmpty()) {
                error(ConfigPaths.child(ConfigPaths.child("models.providers", key), "models"),
                        "provider \"" + id + "\" is not built in, so it must list its models (as OpenClaw requires)",
                        "add models: [{ id: \"<model id>\", name: \"<name>\" }]");
            }
            if (blank(pc.baseUrl()) && BuiltinProviders.find(id).isEmpty()) {
                error(ConfigPaths.child(ConfigPaths.child("models.providers", key), "baseUrl"),
                        "provider \"" + id + "\" needs a baseUrl (Clawgate has no built-in endpoint for it)",
                        "for an OpenAI-style server: \"http://127.0.0.1:8000/v1\"");
            }
            checkRows(key, pc);
            String mismatch = ProviderRegions.vendorEndpointMismatch(id, pc, catalog.provider(id).orElse(null));
            if (mismatch != null) {
                warning(ConfigPaths.child(ConfigPaths.child("models.providers", key), "region"), mismatch,
                        "set baseUrl to the vendor's endpoint in that region, or remove region");
            }
        });
    }

    private void checkRows(String key, ProviderConfig pc) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < pc.models().size(); i++) {
            String id = pc.models().get(i).id();
            String path = ConfigPaths.index(ConfigPaths.child(ConfigPaths.child("models.providers", key), "models"), i);
            if (blank(id)) {
                error(path + ".id", "model row without an id", null);
            } else if (seen.putIfAbsent(id.trim(), i) != null) {
                warning(path + ".id", "model id \"" + id.trim() + "\" is listed twice; the first row is used",
                        "remove models[" + i + "]");
            }
        }
    }

    private void checkChain(String path, AgentsConfig.ModelChain chain) {
        if (chain == null) {
            return;
        }
        if (!blank(chain.primary())) {
            checkReference(path + ".primary", chain.primary(), true);
        }
        if (chain.fallbacks() != null) {
            for (int i = 0; i < chain.fallbacks().size(); i++) {
                checkReference(ConfigPaths.index(path + ".fallbacks", i), chain.fallbacks().get(i), true);
            }
        }
    }

    private void checkAllowlist(Map<String, AgentsConfig.ModelEntry> models) {
        Map<String, String> aliasesSeen = new LinkedHashMap<>();
        models.forEach((key, entry) -> {
            String path = ConfigPaths.child("agents.defaults.models", key);
            Optional<ModelRef> ref = ModelRef.parse(key);
            if (ref.isEmpty()) {
                error(path, "\"" + key + "\" is not a provider/model reference",
                        suggestionHint(catalog.suggestions(key)));
            } else if (ref.get().model().equals("*")) {
                if (catalog.provider(ref.get().provider()).isEmpty()) {
                    error(path, "unknown provider \"" + ref.get().provider() + "\"", null);
                }
            } else {
                Optional<ModelSpec> model = checkReference(path, key, false);
                if (model.isPresent() && catalog.isSynthetic(model.get())) {
                    warning(path, "\"" + key + "\" is not in the catalog; it is used with default settings ("
                            + model.get().contextWindow() + " context tokens, no pricing)",
                            "add a row to models.providers." + ref.get().provider() + ".models to set its limits");
                }
            }
            if (entry != null && !blank(entry.alias())) {
                String alias = entry.alias().trim();
                String previous = aliasesSeen.put(alias.toLowerCase(Locale.ROOT), key);
                if (previous != null) {
                    warning(path + ".alias", "alias \"" + alias + "\" is also defined for \"" + previous
                            + "\" (aliases ignore case); this later one wins", null);
                }
                if (alias.contains("/")) {
                    warning(path + ".alias", "alias \"" + alias + "\" contains '/', so it is read as a model "
                            + "reference and never matches", "remove the '/'");
                }
            }
        });
    }

    private Optional<ModelSpec> checkReference(String path, String raw, boolean inUse) {
        try {
            ModelSpec model = catalog.resolve(raw);
            String trimmed = raw.trim();
            if (inUse && catalog.isSynthetic(model)) {
                List<String> near = catalog.suggestions(trimmed).stream().filter(s -> !s.equals(model.ref())).toList();
                warning(path, "\"" + model.ref() + "\" is not in Clawgate's catalog: " + (model.provider().isLocal()
                        ? "resolved at run time against " + model.provider().id() + "'s model list"
                        : "passed to " + model.provider().id() + " as written, with default settings ("
                                + model.contextWindow() + " context tokens, no pricing)"),
                        near.isEmpty() ? "add a row to models.providers." + model.provider().id() + ".models to set its limits"
                                : "did you mean " + String.join(" or ", near) + "?");
            }
            if (trimmed.indexOf('/') < 0 && !isAlias(trimmed)) {
                warning(path, "\"" + trimmed + "\" has no provider prefix; it resolves to \"" + model.ref() + "\"",
                        "write \"" + model.ref() + "\"");
            }
            if (inUse && model.unusableReason() != null && providersReportedUnusable.add(model.provider().id())) {
                // an unset variable is needed now for the default chain; a login or API Clawgate lacks never is
                boolean needed = defaultChain && !unsetVariables(model.provider().id()).isEmpty();
                CatalogIssue issue = new CatalogIssue(needed ? Severity.ERROR : Severity.WARNING, path,
                        model.ref() + " cannot be called: " + model.unusableReason()
                                + (needed ? "" : "; the router skips it"), null);
                issues.add(issue);
            } else if (inUse && !model.provider().authAvailable()
                    && providersWarnedAboutAuth.add(model.provider().id())) {
                warning(path, "no credential for provider \"" + model.provider().id() + "\" (needed for "
                        + model.ref() + ")", "set " + BuiltinProviders.apiKeyEnv(model.provider().id())
                        + " or models.providers." + model.provider().id() + ".apiKey");
            }
            return Optional.of(model);
        } catch (ModelRefException e) {
            error(path, e.reason(), suggestionHint(e.suggestions()));
            return Optional.empty();
        }
    }

    private List<String> unsetVariables(String providerId) {
        return CatalogBuilder.configuredProviders(config.models()).entrySet().stream()
                .filter(e -> e.getKey().equals(providerId)).flatMap(e -> e.getValue().unsetVariables().stream())
                .toList();
    }

    private boolean isAlias(String s) {
        return catalog.aliases().keySet().stream().anyMatch(a -> a.equalsIgnoreCase(s));
    }

    private static String suggestionHint(List<String> suggestions) {
        return suggestions.isEmpty() ? "see 'clawgate models list --all'"
                : "did you mean " + String.join(" or ", suggestions) + "?";
    }

    private void error(String path, String message, String hint) {
        issues.add(new CatalogIssue(Severity.ERROR, path, message, hint));
    }

    private void warning(String path, String message, String hint) {
        issues.add(new CatalogIssue(Severity.WARNING, path, message, hint));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
