package dev.clawgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinProvidersTest {

    @Test
    void shipsTheDocumentedEndpoints() {
        Map<String, BuiltinProvider> all = BuiltinProviders.all();

        assertEndpoint(all.get("openai"), "https://api.openai.com/v1", "openai-responses", "OPENAI_API_KEY");
        assertEndpoint(all.get("anthropic"), "https://api.anthropic.com", "anthropic-messages", "ANTHROPIC_API_KEY");
        assertEndpoint(all.get("openrouter"), "https://openrouter.ai/api/v1", "openai-completions", "OPENROUTER_API_KEY");
        assertEndpoint(all.get("lmstudio"), "http://127.0.0.1:1234/v1", "openai-completions", "LM_API_TOKEN");
        assertEndpoint(all.get("vllm"), "http://127.0.0.1:8000/v1", "openai-completions", "VLLM_API_KEY");
        assertEndpoint(all.get("ollama"), "http://127.0.0.1:11434", "ollama", "OLLAMA_API_KEY");
        assertEndpoint(all.get("litellm"), "http://localhost:4000", "openai-completions", "LITELLM_API_KEY");
        assertThat(all.get("sglang").defaults().baseUrl()).isEqualTo("http://127.0.0.1:30000/v1");
        assertThat(all.get("llama-cpp").defaults().baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(all.get("lmstudio").placeholderKey()).isEqualTo("lmstudio-local");
        assertEndpoint(all.get("google"), "https://generativelanguage.googleapis.com/v1beta", "google-generative-ai",
                "GEMINI_API_KEY");
        assertThat(all.get("google").unsupportedReason()).isNull();
    }

    @Test
    void everyHostedRowHasAWindowAnOutputLimitAndAPrice() {
        for (String hosted : new String[] {"anthropic", "openai", "openrouter", "google"}) {
            assertThat(BuiltinProviders.all().get(hosted).defaults().models()).isNotEmpty().allSatisfy(row -> {
                assertThat(row.contextWindow()).isPositive();
                assertThat(row.maxTokens()).isPositive();
                assertThat(row.cost().input()).isPositive();
                assertThat(row.cost().output()).isGreaterThan(row.cost().input());
                assertThat(row.input()).contains("text");
            });
        }
    }

    private static void assertEndpoint(BuiltinProvider p, String baseUrl, String api, String env) {
        assertThat(p.defaults().baseUrl()).isEqualTo(baseUrl);
        assertThat(p.defaults().api()).isEqualTo(api);
        assertThat(p.apiKeyEnv()).isEqualTo(env);
    }
}
