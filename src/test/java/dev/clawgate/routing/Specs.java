package dev.clawgate.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-built catalog objects for router tests. */
final class Specs {

    private Specs() {}

    static ProviderSpec provider(String id, String baseUrl, String api, Duration firstByte) {
        return new ProviderSpec(id, baseUrl, api, "sk-test", "config", Map.of(), false, firstByte, null, false, true);
    }

    static ProviderSpec provider(String id, String baseUrl, String api, Duration firstByte, ObjectNode params) {
        return new ProviderSpec(id, baseUrl, api, "sk-test", "config", Map.of(), false, firstByte, params, false, true);
    }

    static ModelSpec model(ProviderSpec provider, String id, int window) {
        return new ModelSpec(provider, id, id, provider.api(), false, List.of("text"), null, window, null, 8192, null,
                true);
    }

    static ProviderSpec lmstudio() {
        return provider("lmstudio", "http://127.0.0.1:1234/v1", "openai-responses", Duration.ofSeconds(300));
    }

    static ProviderSpec anthropic() {
        return provider("anthropic", "https://api.anthropic.com", "anthropic-messages", Duration.ofSeconds(60));
    }

    static ProviderSpec openrouter() {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.putObject("provider").putArray("order").add("groq");
        return provider("openrouter", "https://openrouter.ai/api/v1", "openai-completions", Duration.ofSeconds(60),
                params);
    }

    static ModelSpec localMinimax() {
        return model(lmstudio(), "minimax-m2.1-gs32", 32_768);
    }

    static ModelSpec localQwen() {
        return model(lmstudio(), "qwen3-8b", 32_768);
    }

    static ModelSpec sonnet() {
        return model(anthropic(), "claude-sonnet-4-5", 200_000);
    }
}
