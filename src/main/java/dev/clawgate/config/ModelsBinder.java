package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Binds and checks the {@code models} section. A bad provider is reported, never hides the others. */
final class ModelsBinder {

    /** The {@code api} values Clawgate has adapters for. */
    static final List<String> SUPPORTED_APIS = ModelsConfig.CLAWGATE_APIS;
    /** Values OpenClaw accepts that Clawgate cannot call (yet). */
    static final List<String> OPENCLAW_ONLY_APIS = List.of("openai-codex-responses", "openai-chatgpt-responses",
            "google-vertex", "bedrock-converse-stream", "github-copilot",
            "azure-openai-responses", "pi-messages", "google-gemini-cli");
    /** Model inputs OpenClaw accepts beyond Clawgate's: kept as written, never sent. */
    private static final List<String> OPENCLAW_ONLY_INPUTS = List.of("video", "audio", "document");

    private static final List<String> MODELS_KEYS = List.of("mode", "providers");
    private static final List<String> PROVIDER_KEYS = List.of("baseUrl", "apiKey", "api", "headers", "authHeader",
            "timeoutSeconds", "params", "contextWindow", "contextTokens", "maxTokens", "models", "idleTimeoutSeconds",
            "region");
    private static final List<String> MODEL_KEYS = List.of("id", "name", "api", "reasoning", "input", "cost",
            "contextWindow", "contextTokens", "maxTokens", "compat", "headers", "kind");
    private static final List<String> COST_KEYS = List.of("input", "output", "cacheRead", "cacheWrite");
    private static final List<String> INPUTS = List.of("text", "image");

    private ModelsBinder() {}

    static ModelsConfig bind(ObjectFields models) {
        if (models == null) {
            return null;
        }
        models.checkKeys(MODELS_KEYS);
        String mode = models.oneOf("mode", List.of("merge", "replace"), List.of());
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        ObjectFields providerMap = models.object("providers");
        if (providerMap != null) {
            for (String id : providerMap.keys()) {
                String path = providerMap.pathOf(id);
                if (id.isBlank() || id.contains("/")) {
                    models.ctx().error(path, "a provider id must be non-empty and must not contain '/', found '"
                            + id + "'", null);
                    continue;
                }
                ProviderConfig provider = provider(ObjectFields.of(providerMap.raw(id), path, models.ctx()));
                if (provider != null) {
                    providers.put(id, provider);
                }
            }
        }
        return new ModelsConfig(mode == null ? null : ModelsConfig.Mode.valueOf(mode.toUpperCase(Locale.ROOT)),
                providers);
    }

    private static ProviderConfig provider(ObjectFields p) {
        if (p == null) {
            return null;
        }
        p.checkKeys(PROVIDER_KEYS);
        String baseUrl = baseUrl(p);
        String api = api(p);
        if ("ollama".equals(api) && baseUrl != null && baseUrl.replaceAll("/+$", "").endsWith("/v1")) {
            p.ctx().warning(p.pathOf("baseUrl"), "the ollama api calls {baseUrl}/api/chat, so baseUrl should not"
                    + " end in /v1", "drop the /v1, or use api \"openai-completions\" for Ollama's /v1 endpoint");
        }
        return new ProviderConfig(baseUrl, SecretRefBinder.bind(p, "apiKey"), api, p.stringMap("headers"),
                p.bool("authHeader"), p.positiveInt("timeoutSeconds"), p.anyObject("params"), models(p),
                p.positiveInt("contextWindow"), p.positiveInt("contextTokens"), p.positiveInt("maxTokens"),
                p.positiveInt("idleTimeoutSeconds"),
                p.ctx().sources().unresolvedVariables(p.path()).values().stream().flatMap(List::stream)
                        .distinct().toList(), PrivacyBinder.region(p));
    }

    private static List<ModelConfig> models(ObjectFields provider) {
        JsonNode list = provider.raw("models");
        if (list == null) {
            return null;
        }
        String listPath = provider.pathOf("models");
        if (!list.isArray()) {
            provider.ctx().error(listPath, "expected a list of models, found " + JsonTypes.describe(list), null);
            return null;
        }
        List<ModelConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ModelConfig model = model(ObjectFields.of(list.get(i), ConfigPaths.index(listPath, i), provider.ctx()));
            if (model == null) {
                continue;
            }
            if (model.id() != null && !ids.add(model.id())) {
                provider.ctx().error(ConfigPaths.child(ConfigPaths.index(listPath, i), "id"),
                        "model id '" + model.id() + "' appears twice in this provider", null);
            }
            out.add(model);
        }
        return out;
    }

    private static ModelConfig model(ObjectFields m) {
        if (m == null) {
            return null;
        }
        m.checkKeys(MODEL_KEYS);
        m.require("id");
        List<String> input = m.stringList("input");
        if (input != null) {
            for (int i = 0; i < input.size(); i++) {
                if (!INPUTS.contains(input.get(i))) {
                    m.ctx().badEnumValue(ConfigPaths.index(m.pathOf("input"), i), input.get(i), INPUTS,
                            OPENCLAW_ONLY_INPUTS);
                }
            }
        }
        return new ModelConfig(m.nonEmptyString("id"), m.string("name"), api(m), m.bool("reasoning"), input,
                cost(m.object("cost")), m.positiveInt("contextWindow"), m.positiveInt("contextTokens"),
                m.positiveInt("maxTokens"), m.anyObject("compat"), m.stringMap("headers"),
                m.oneOf("kind", ModelConfig.KINDS, List.of()));
    }

    private static ModelConfig.CostConfig cost(ObjectFields cost) {
        if (cost == null) {
            return null;
        }
        cost.checkKeys(COST_KEYS);
        return new ModelConfig.CostConfig(cost.nonNegativeNumber("input"), cost.nonNegativeNumber("output"),
                cost.nonNegativeNumber("cacheRead"), cost.nonNegativeNumber("cacheWrite"));
    }

    private static String api(ObjectFields o) {
        return o.openClawValue("api", SUPPORTED_APIS, OPENCLAW_ONLY_APIS,
                "Clawgate has no adapter for it, so the router skips these models");
    }

    /** An absolute http(s) URL; an unresolved {@code ${VAR}} was reported already and is not re-checked. */
    private static String baseUrl(ObjectFields p) {
        String url = p.string("baseUrl");
        String path = p.pathOf("baseUrl");
        if (url == null || p.ctx().sources().isUnresolved(path)) {
            return url;
        }
        String problem = urlProblem(url);
        if (problem == null) {
            return url;
        }
        java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(url);
        if (placeholder.find()) {
            // a documentation template (https://<your-resource>.openai.azure.com): OpenClaw accepts it and fails
            // when the provider is called; so does Clawgate, saying what to fill in
            p.ctx().warning(path, "baseUrl holds the placeholder '" + placeholder.group() + "'; calls to this provider"
                    + " fail until it is replaced with a real value", null);
            return url;
        }
        // A URL may carry user:password@, so it is only quoted when it has none.
        String shown = url.contains("@") ? "" : ", found \"" + url + "\"";
        String hint = url.contains("://") || url.contains("@") ? null : "did you mean 'http://" + url + "'?";
        p.ctx().error(path, "baseUrl must be an absolute http:// or https:// URL (" + problem + ")" + shown, hint);
        return null;
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("<[A-Za-z0-9_-]+>");

    private static String urlProblem(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return scheme == null || !url.contains("://") ? "no scheme" : "scheme '" + scheme + "'";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "not a valid URL";
        }
    }
}
