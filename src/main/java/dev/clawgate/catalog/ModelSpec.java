package dev.clawgate.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.config.ModelsConfig;
import java.util.List;

/**
 * A catalog model with every default applied: what the upstream adapters encode requests from and what
 * the router puts in a candidate chain.
 *
 * @param id the provider-local model id (may contain '/', e.g. OpenRouter's {@code moonshotai/kimi-k2})
 * @param api the API to call it with (model override, else the provider's)
 * @param input accepted input kinds ({@code text}, {@code image})
 * @param contextWindow the model's native window in tokens
 * @param contextTokens an effective cap below the window, or null
 * @param maxTokens output limit, or null when unknown (then no limit is sent for OpenAI-style APIs)
 * @param compat what the endpoint really supports (OpenClaw's {@code compat} flags)
 * @param configured true when a config row defines or overrides it
 * @param kind {@code chat} or {@code embedding} (served only by {@code /v1/embeddings}, never in a chat chain)
 * @param params this model's extras for request bodies ({@code agents.defaults.models["<ref>"].params}, OpenClaw's
 *     per-model form), merged over the provider's {@code params}: e.g. OpenRouter's {@code provider} routing object
 */
public record ModelSpec(ProviderSpec provider, String id, String name, String api, boolean reasoning,
        List<String> input, ModelCost cost, int contextWindow, Integer contextTokens, Integer maxTokens,
        ObjectNode compat, boolean configured, String kind, ObjectNode params) {

    /** A model without params of its own. */
    public ModelSpec(ProviderSpec provider, String id, String name, String api, boolean reasoning, List<String> input,
            ModelCost cost, int contextWindow, Integer contextTokens, Integer maxTokens, ObjectNode compat,
            boolean configured, String kind) {
        this(provider, id, name, api, reasoning, input, cost, contextWindow, contextTokens, maxTokens, compat,
                configured, kind, null);
    }

    /** The same model with {@code extra} as its own params. */
    public ModelSpec withParams(ObjectNode extra) {
        return new ModelSpec(provider, id, name, api, reasoning, input, cost, contextWindow, contextTokens, maxTokens,
                compat, configured, kind, extra);
    }

    /** The same model with another context window (what a local server reports). */
    public ModelSpec withContextWindow(int window) {
        return new ModelSpec(provider, id, name, api, reasoning, input, cost, window, contextTokens, maxTokens,
                compat, configured, kind, params);
    }

    public static final String EMBEDDING = "embedding";

    /** A chat model. */
    public ModelSpec(ProviderSpec provider, String id, String name, String api, boolean reasoning, List<String> input,
            ModelCost cost, int contextWindow, Integer contextTokens, Integer maxTokens, ObjectNode compat,
            boolean configured) {
        this(provider, id, name, api, reasoning, input, cost, contextWindow, contextTokens, maxTokens, compat,
                configured, "chat");
    }

    /** True for {@code kind: "embedding"}: an embeddings-only model. */
    public boolean isEmbedding() {
        return EMBEDDING.equals(kind);
    }

    /** Used when neither config nor catalog gives a window (OpenClaw's DEFAULT_CONTEXT_TOKENS). */
    public static final int DEFAULT_CONTEXT_WINDOW = 200_000;

    public ModelSpec {
        input = input == null || input.isEmpty() ? List.of("text") : List.copyOf(input);
        cost = cost != null ? cost : ModelCost.FREE;
        compat = compat != null ? compat : JsonNodeFactory.instance.objectNode();
        kind = kind != null ? kind : "chat";
        params = params != null ? params : JsonNodeFactory.instance.objectNode();
    }

    /** The model reference {@code provider/id}. */
    public String ref() {
        return provider.id() + "/" + id;
    }

    /**
     * Why the router must skip this model without contacting it: its provider's reason, or an {@code api}
     * Clawgate has no adapter for. Null when it can be called.
     */
    public String unusableReason() {
        if (provider.unusableReason() != null) {
            return provider.unusableReason();
        }
        return ModelsConfig.CLAWGATE_APIS.contains(api) ? null
                : "api '" + api + "' is not implemented by Clawgate (it has " + String.join(", ",
                        ModelsConfig.CLAWGATE_APIS) + ")";
    }

    public boolean acceptsImages() {
        return input.contains("image");
    }

    /** The window Clawgate budgets against: the smaller of the native window and the cap. */
    public int effectiveContextWindow() {
        return contextTokens != null ? Math.min(contextWindow, contextTokens) : contextWindow;
    }

    @Override
    public String toString() {
        return "ModelSpec[" + ref() + " " + api + "]";
    }
}
