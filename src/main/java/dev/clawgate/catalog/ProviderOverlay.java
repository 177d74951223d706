package dev.clawgate.catalog;

import dev.clawgate.config.ModelConfig;
import dev.clawgate.config.ProviderConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code models.mode: merge} for one provider (OpenClaw model layer §2.6): the configured entry overlays
 * the built-in one field by field (a configured non-null value wins), and model rows are the configured
 * rows first, then the built-in rows whose id is not configured. A configured row with a built-in row's
 * id overlays that row field by field, so writing only {@code {id, contextWindow}} keeps the prices.
 */
final class ProviderOverlay {

    private ProviderOverlay() {}

    static ProviderConfig merge(ProviderConfig builtin, ProviderConfig configured) {
        List<ModelConfig> models = new ArrayList<>();
        Map<String, ModelConfig> builtinRows = new LinkedHashMap<>();
        for (ModelConfig row : builtin.models()) {
            builtinRows.put(row.id().trim(), row);
        }
        for (ModelConfig row : configured.models()) {
            String id = row.id() == null ? null : row.id().trim();
            ModelConfig base = id == null ? null : builtinRows.remove(id);
            models.add(base == null ? row : mergeModel(base, row));
        }
        models.addAll(builtinRows.values());
        return new ProviderConfig(
                pick(configured.baseUrl(), builtin.baseUrl()),
                pick(configured.apiKey(), builtin.apiKey()),
                pick(configured.api(), builtin.api()),
                mergeMaps(builtin.headers(), configured.headers()),
                pick(configured.authHeader(), builtin.authHeader()),
                pick(configured.timeoutSeconds(), builtin.timeoutSeconds()),
                pick(configured.params(), builtin.params()),
                models,
                pick(configured.contextWindow(), builtin.contextWindow()),
                pick(configured.contextTokens(), builtin.contextTokens()),
                pick(configured.maxTokens(), builtin.maxTokens()),
                pick(configured.idleTimeoutSeconds(), builtin.idleTimeoutSeconds()),
                configured.unsetVariables(), configured.region());
    }

    /**
     * {@code models.mode: replace} for a provider whose id Clawgate knows: only the configured model rows,
     * but the endpoint defaults (base URL, api) still come from the built-in provider, so that
     * {@code anthropic: {models: [...]}} without a base URL still reaches Anthropic.
     */
    static ProviderConfig endpointDefaults(ProviderConfig builtin, ProviderConfig configured) {
        return new ProviderConfig(pick(configured.baseUrl(), builtin.baseUrl()), configured.apiKey(),
                pick(configured.api(), builtin.api()), configured.headers(), configured.authHeader(),
                configured.timeoutSeconds(), configured.params(), configured.models(), configured.contextWindow(),
                configured.contextTokens(), configured.maxTokens(), configured.idleTimeoutSeconds(),
                configured.unsetVariables(), configured.region());
    }

    static ModelConfig mergeModel(ModelConfig builtin, ModelConfig configured) {
        return new ModelConfig(
                configured.id(),
                pick(configured.name(), builtin.name()),
                pick(configured.api(), builtin.api()),
                pick(configured.reasoning(), builtin.reasoning()),
                pick(configured.input(), builtin.input()),
                mergeCost(builtin.cost(), configured.cost()),
                pick(configured.contextWindow(), builtin.contextWindow()),
                pick(configured.contextTokens(), builtin.contextTokens()),
                pick(configured.maxTokens(), builtin.maxTokens()),
                pick(configured.compat(), builtin.compat()),
                mergeMaps(builtin.headers(), configured.headers()));
    }

    private static ModelConfig.CostConfig mergeCost(ModelConfig.CostConfig builtin, ModelConfig.CostConfig configured) {
        if (builtin == null || configured == null) {
            return configured != null ? configured : builtin;
        }
        return new ModelConfig.CostConfig(pick(configured.input(), builtin.input()),
                pick(configured.output(), builtin.output()), pick(configured.cacheRead(), builtin.cacheRead()),
                pick(configured.cacheWrite(), builtin.cacheWrite()));
    }

    private static Map<String, String> mergeMaps(Map<String, String> base, Map<String, String> overlay) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(overlay);
        return out;
    }

    private static <T> T pick(T configured, T builtin) {
        return configured != null ? configured : builtin;
    }
}
