package dev.clawgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.config.ModelConfig;
import dev.clawgate.config.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in provider catalog, read once from {@code builtin-providers.json} next to this class. Data
 * lives in JSON rather than code so that updating a price or a context window is a one-line change.
 */
public final class BuiltinProviders {

    private static final String RESOURCE = "builtin-providers.json";
    private static final Map<String, BuiltinProvider> ALL = load();

    private BuiltinProviders() {}

    /** Every built-in provider by id, in catalog order (hosted first, then local servers). */
    public static Map<String, BuiltinProvider> all() {
        return ALL;
    }

    public static Optional<BuiltinProvider> find(String providerId) {
        return Optional.ofNullable(ALL.get(providerId.toLowerCase(Locale.ROOT)));
    }

    /**
     * The environment variable holding a provider's key: the built-in one, else OpenClaw's convention
     * {@code <PROVIDER>_API_KEY} ({@code my-proxy} gives {@code MY_PROXY_API_KEY}).
     */
    public static String apiKeyEnv(String providerId) {
        BuiltinProvider builtin = ALL.get(providerId);
        if (builtin != null && builtin.apiKeyEnv() != null) {
            return builtin.apiKeyEnv();
        }
        return providerId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_API_KEY";
    }

    private static Map<String, BuiltinProvider> load() {
        try (InputStream in = BuiltinProviders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, BuiltinProvider> out = new LinkedHashMap<>();
            for (JsonNode p : root.path("providers")) {
                BuiltinProvider provider = provider(p);
                out.put(provider.id(), provider);
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static BuiltinProvider provider(JsonNode p) {
        List<ModelConfig> models = new ArrayList<>();
        for (JsonNode m : p.path("models")) {
            models.add(model(m));
        }
        ProviderConfig defaults = new ProviderConfig(text(p, "baseUrl"), null, text(p, "api"), Map.of(), null,
                integer(p, "timeoutSeconds"), null, models, integer(p, "contextWindow"),
                integer(p, "contextTokens"), integer(p, "maxTokens"));
        return new BuiltinProvider(text(p, "id"), defaults, text(p, "apiKeyEnv"), text(p, "placeholderKey"),
                text(p, "defaultModel"), text(p, "unsupported"), p.path("baseUrlRequired").asBoolean(false),
                text(p, "region"), regionBaseUrls(p.path("regionBaseUrls")));
    }

    private static Map<String, String> regionBaseUrls(JsonNode urls) {
        Map<String, String> out = new LinkedHashMap<>();
        urls.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static ModelConfig model(JsonNode m) {
        List<String> input = null;
        if (m.has("input")) {
            input = new ArrayList<>();
            for (JsonNode kind : m.get("input")) {
                input.add(kind.asText());
            }
        }
        JsonNode c = m.get("cost");
        ModelConfig.CostConfig cost = c == null ? null
                : new ModelConfig.CostConfig(number(c, "input"), number(c, "output"), number(c, "cacheRead"),
                        number(c, "cacheWrite"));
        Boolean reasoning = m.has("reasoning") ? m.get("reasoning").asBoolean() : null;
        ObjectNode compat = m.get("compat") instanceof ObjectNode o ? o : null;
        return new ModelConfig(text(m, "id"), text(m, "name"), text(m, "api"), reasoning, input, cost,
                integer(m, "contextWindow"), integer(m, "contextTokens"), integer(m, "maxTokens"), compat, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
