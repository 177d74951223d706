package dev.clawgate.catalog;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.ConfigPaths;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.config.ConfigProblem.Severity;
import dev.clawgate.config.ModelsConfig;
import dev.clawgate.config.ProviderConfig;
import dev.clawgate.config.SourceMap;
import dev.clawgate.config.ValidationMode;
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
    private final ValidationMode mode;
    /** Where the config's values are written, to name the file of an unset variable; null when unknown. */
    private final SourceMap sources;
    private final List<CatalogIssue> issues = new ArrayList<>();
    private final Set<String> providersWarnedAboutAuth = new HashSet<>();
    private final Set<String> providersReportedUnusable = new HashSet<>();
    /** True while checking {@code agents.defaults.model}, where an unusable provider is an error. */
    private boolean defaultChain;

    private CatalogValidator(ClawgateConfig config, ModelCatalog catalog, ValidationMode mode, SourceMap sources) {
        this.config = config;
        this.catalog = catalog;
        this.mode = mode;
        this.sources = sources;
    }

    /** Every issue, errors and warnings, in config order, as for starting the gateway. */
    public static List<CatalogIssue> check(ClawgateConfig config, ModelCatalog catalog) {
        return check(config, catalog, ValidationMode.START, null);
    }

    /**
     * Every issue, errors and warnings, in config order. {@code mode} decides whether a provider of the default
     * chain with an unset {@code ${VAR}} is an error ({@link ValidationMode#START}, {@code STRICT}) or a
     * warning that the gateway will refuse to start ({@link ValidationMode#VALIDATE}).
     */
    public static List<CatalogIssue> check(ClawgateConfig config, ModelCatalog catalog, ValidationMode mode,
            SourceMap sources) {
        CatalogValidator v = new CatalogValidator(config, catalog, mode, sources);
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
        return problems(config, catalog, sources, ValidationMode.START);
    }

    /** As {@link #problems(ClawgateConfig, ModelCatalog, SourceMap)}, for {@code mode}. */
    public static List<ConfigProblem> problems(ClawgateConfig config, ModelCatalog catalog, SourceMap sources,
            ValidationMode mode) {
        return check(config, catalog, mode, sources).stream()
                .map(i -> i.isError() ? sources.error(i.path(), i.message(), i.hint())
                        : sources.warning(i.path(), i.message(), i.hint()))
                .toList();
    }

    private void checkProviders() {
        config.models().providers().forEach((key, pc) -> {
            String id = ModelRef.normalizeProvider(key);
            String path = ConfigPaths.child("models.providers", key);
            boolean builtin = BuiltinProviders.find(id).isPresent();
            if (!ModelsConfig.isOpenClawBundledProvider(id)) {
                // OpenClaw's rule for a provider it does not bundle (even one Clawgate has built in, such as
                // llmman, so that a config valid here is valid there): a baseUrl and a models list (may be [])
                String what = builtin ? "is not bundled with OpenClaw" : "is not built in";
                if (!modelsWritten(path, pc)) {
                    error(ConfigPaths.child(path, "models"), "provider \"" + id + "\" " + what + ", so it must"
                            + " declare its models (as OpenClaw requires)", "add models: [{ id: \"<model id>\", name:"
                            + " \"<name>\" }], or models: [] to find a local server's models at run time");
                }
                if (blank(pc.baseUrl())) {
                    error(ConfigPaths.child(path, "baseUrl"), "provider \"" + id + "\" " + what + ", so it needs a"
                            + " baseUrl (as OpenClaw requires)", builtin ? "Clawgate's is \""
                            + BuiltinProviders.find(id).get().defaults().baseUrl() + "\""
                            : "for an OpenAI-style server: \"http://127.0.0.1:8000/v1\"");
                }
            } else if (!builtin && blank(pc.baseUrl())) {
                warning(ConfigPaths.child(path, "baseUrl"), "provider \"" + id + "\" is built into OpenClaw but not"
                        + " into Clawgate, which has no endpoint for it; the router skips it",
                        "set its baseUrl (and api) to use it");
            }
            checkRows(key, pc);
            String mismatch = ProviderRegions.vendorEndpointMismatch(id, pc, catalog.provider(id).orElse(null));
            if (mismatch != null) {
                warning(ConfigPaths.child(ConfigPaths.child("models.providers", key), "region"), mismatch,
                        "set baseUrl to the vendor's endpoint in that region, or remove region");
            }
        });
    }

    /** Whether the config writes {@code models} for this provider (an empty list counts, as in OpenClaw). */
    private boolean modelsWritten(String providerPath, ProviderConfig pc) {
        return !pc.models().isEmpty() || sources != null && sources.at(ConfigPaths.child(providerPath, "models")).isPresent();
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
                Map<String, List<String>> unset = unsetVariables(model.provider().id());
                if (defaultChain && !unset.isEmpty()) {
                    neededToStart(path, model, unset);
                } else {
                    warning(path, model.ref() + " cannot be called: " + model.unusableReason() + "; the router skips it",
                            null);
                }
            } else if (inUse && !model.provider().authAvailable()
                    && providersWarnedAboutAuth.add(model.provider().id())) {
                warning(path, "no credential for provider \"" + model.provider().id() + "\" (needed for "
                        + model.ref() + ")", "set " + BuiltinProviders.apiKeyEnv(model.provider().id())
                        + " or models.providers." + model.provider().id() + ".apiKey");
            }
            return Optional.of(model);
        } catch (ModelRefException e) {
            String provider = ModelRef.parse(raw).map(ModelRef::provider).orElse(null);
            if (provider != null && !path.endsWith(".primary") && catalog.provider(provider).isEmpty()
                    && !looksLikeProviderTypo(provider)) {
                // OpenClaw plugins register providers and CLI backends Clawgate does not run: a fallback or an
                // allowlist entry naming one is skipped, where a primary model cannot be
                warning(path, e.reason() + " (a plugin's provider or CLI backend?); Clawgate skips "
                        + (inUse ? "this fallback" : "this entry"), "configure models.providers." + provider
                        + " with a baseUrl and api to use it");
            } else {
                error(path, e.reason(), suggestionHint(e.suggestions()));
            }
            return Optional.empty();
        }
    }

    /**
     * A default-chain model whose provider has an unset {@code ${VAR}}: the gateway cannot start without it.
     * The message names the variable, the field it is written in and that field's file.
     */
    private void neededToStart(String path, ModelSpec model, Map<String, List<String>> unset) {
        List<String> names = unset.values().stream().flatMap(List::stream).distinct().toList();
        List<String> fields = unset.keySet().stream().map(this::located).toList();
        String variables = String.join(", ", names);
        String message = model.ref() + " is in the default chain but cannot be called: environment variable "
                + variables + " is not set (used in " + String.join(", ", fields) + ")";
        String hint = "export " + names.get(0) + "=... or put it in .env or ~/.clawgate/.env";
        if (mode.needsStartValues()) {
            error(path, message, hint);
        } else {
            warning(path, message + "; " + ValidationMode.refusesToStart(variables), hint);
        }
    }

    /** {@code models.providers.x.apiKey in file.json5:12}, or the bare path when its position is unknown. */
    private String located(String field) {
        if (sources == null) {
            return field;
        }
        return sources.at(field).map(p -> field + " in " + p.file() + ":" + p.line()).orElse(field);
    }

    /** The unset variables of a configured provider, by the path of the field naming each (file order). */
    private Map<String, List<String>> unsetVariables(String providerId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        config.models().providers().forEach((key, pc) -> {
            if (!ModelRef.normalizeProvider(key).equals(providerId) || pc.unsetVariables().isEmpty()) {
                return;
            }
            String providerPath = ConfigPaths.child("models.providers", key);
            Map<String, List<String>> written = sources == null ? Map.of() : sources.unresolvedVariables(providerPath);
            if (written.isEmpty()) {
                out.put(providerPath, pc.unsetVariables());
            } else {
                out.putAll(written);
            }
        });
        return out;
    }

    /** True when {@code provider} is a small edit away from a provider the catalog has ({@code anthropc}). */
    private boolean looksLikeProviderTypo(String provider) {
        int allowed = Math.max(1, provider.length() / 4);
        return catalog.providers().stream().anyMatch(p -> NearestMatches.distance(provider, p.id()) <= allowed);
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
