package dev.clawgate.catalog;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.Environment;
import dev.clawgate.config.ModelConfig;
import dev.clawgate.config.ModelsConfig;
import dev.clawgate.config.ProviderConfig;
import dev.clawgate.config.SecretRef;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Config records for catalog tests, built by hand so that these tests need no loader. */
final class Fixtures {

    private Fixtures() {}

    static ModelConfig row(String id, Integer contextWindow, Integer maxTokens) {
        return new ModelConfig(id, null, null, null, null, null, contextWindow, null, maxTokens, null, null);
    }

    static ModelConfig minimaxRow() {
        return new ModelConfig("minimax-m2.1-gs32", "MiniMax M2.1 GS32", null, false, List.of("text"),
                new ModelConfig.CostConfig(0.0, 0.0, 0.0, 0.0), 196608, null, 8192, null, null);
    }

    static ProviderConfig provider(String baseUrl, String api, SecretRef apiKey, ModelConfig... rows) {
        return new ProviderConfig(baseUrl, apiKey, api, null, null, null, null, Arrays.asList(rows), null, null, null);
    }

    static ProviderConfig lmstudio() {
        return provider("http://127.0.0.1:1234/v1", "openai-responses", new SecretRef.Literal("lmstudio"),
                minimaxRow());
    }

    static Map<String, AgentsConfig.ModelEntry> aliases(String... refAliasPairs) {
        Map<String, AgentsConfig.ModelEntry> out = new LinkedHashMap<>();
        for (int i = 0; i < refAliasPairs.length; i += 2) {
            out.put(refAliasPairs[i], new AgentsConfig.ModelEntry(refAliasPairs[i + 1], null));
        }
        return out;
    }

    static AgentsConfig agents(AgentsConfig.ModelChain chain, Map<String, AgentsConfig.ModelEntry> models,
            AgentsConfig.Agent... list) {
        return new AgentsConfig(new AgentsConfig.Defaults(chain, models, null, null, null, null, null, null),
                List.of(list));
    }

    static ClawgateConfig config(ModelsConfig.Mode mode, Map<String, ProviderConfig> providers, AgentsConfig agents) {
        return new ClawgateConfig(new ModelsConfig(mode, providers), agents, null, null, List.of());
    }

    /** examples/hybrid-hosted-primary.json5 as records. */
    static ClawgateConfig hybrid() {
        return config(ModelsConfig.Mode.MERGE, Map.of("lmstudio", lmstudio()), agents(
                new AgentsConfig.ModelChain("anthropic/claude-sonnet-4-5",
                        List.of("lmstudio/minimax-m2.1-gs32", "anthropic/claude-opus-4-6")),
                aliases("anthropic/claude-sonnet-4-5", "Sonnet", "lmstudio/minimax-m2.1-gs32", "MiniMax Local",
                        "anthropic/claude-opus-4-6", "Opus")));
    }

    /** A map that keeps insertion order, as the loader's maps do. */
    static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
        Map<String, V> out = new LinkedHashMap<>();
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }

    static Environment env(Path home, String... keyValues) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            vars.put(keyValues[i], keyValues[i + 1]);
        }
        return Environment.of(vars, home);
    }
}
