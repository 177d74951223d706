package dev.clawgate.catalog;

import static dev.clawgate.catalog.Fixtures.config;
import static dev.clawgate.catalog.Fixtures.env;
import static dev.clawgate.catalog.Fixtures.provider;
import static dev.clawgate.catalog.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ModelsConfig.Mode;
import dev.clawgate.config.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path home;

    @Test
    void hostedProviderTakesItsKeyFromTheEnvironmentVariable() {
        ModelCatalog catalog = ModelCatalog.build(Fixtures.hybrid(), env(home, "ANTHROPIC_API_KEY", "sk-ant-123"));

        ProviderSpec anthropic = catalog.provider("anthropic").orElseThrow();
        assertThat(anthropic.hasCredential()).isTrue();
        assertThat(anthropic.apiKey()).isEqualTo("sk-ant-123");
        assertThat(anthropic.apiKeySource()).isEqualTo("env:ANTHROPIC_API_KEY");
        assertThat(anthropic.toString()).doesNotContain("sk-ant-123");
    }

    @Test
    void hostedProviderWithoutKeyHasNoCredentialAndNoAuth() {
        ModelCatalog catalog = ModelCatalog.build(Fixtures.hybrid(), env(home, "ANTHROPIC_API_KEY", ""));

        ProviderSpec anthropic = catalog.provider("anthropic").orElseThrow();
        assertThat(anthropic.hasCredential()).isFalse();
        assertThat(anthropic.authAvailable()).isFalse();
        assertThat(anthropic.apiKeySource()).isNull();
    }

    @Test
    void configuredKeyComesFirstAndIsDescribedWithoutItsValue() {
        ModelCatalog catalog = ModelCatalog.build(Fixtures.hybrid(), env(home, "LM_API_TOKEN", "from-env"));

        ProviderSpec lmstudio = catalog.provider("lmstudio").orElseThrow();
        assertThat(lmstudio.apiKey()).isEqualTo("lmstudio");
        assertThat(lmstudio.apiKeySource()).isEqualTo("config");
    }

    @Test
    void envAndFileSecretRefsResolve() throws Exception {
        Files.writeString(home.resolve("or.key"), "sk-or-file\n");
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(
                "openai", provider(null, null, new SecretRef.Env("MY_OPENAI")),
                "openrouter", provider(null, null, new SecretRef.File("~/or.key"))), AgentsConfig.EMPTY),
                env(home, "MY_OPENAI", "sk-openai"));

        assertThat(catalog.provider("openai").orElseThrow().apiKeySource()).isEqualTo("env:MY_OPENAI");
        assertThat(catalog.provider("openai").orElseThrow().apiKey()).isEqualTo("sk-openai");
        assertThat(catalog.provider("openrouter").orElseThrow().apiKey()).isEqualTo("sk-or-file");
        assertThat(catalog.provider("openrouter").orElseThrow().apiKeySource()).isEqualTo("file:~/or.key");
    }

    @Test
    void localProvidersCountAsAuthenticatedWithoutAKey() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(
                "vllm", provider(null, null, null, row("qwen3", null, null))), AgentsConfig.EMPTY), env(home));

        ProviderSpec lmstudio = catalog.provider("lmstudio").orElseThrow();
        assertThat(lmstudio.apiKey()).isEqualTo("lmstudio-local");
        assertThat(lmstudio.apiKeySource()).isEqualTo("placeholder");
        ProviderSpec vllm = catalog.provider("vllm").orElseThrow();
        assertThat(vllm.apiKey()).isNull();
        assertThat(vllm.apiKeySource()).isEqualTo("not needed (local)");
        assertThat(vllm.authAvailable()).isTrue();
    }

    @Test
    void customProvidersUseTheConventionalEnvironmentVariable() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(
                "my-proxy", provider("https://llm.example.com/v1", null, null, row("m", null, null))),
                AgentsConfig.EMPTY), env(home, "MY_PROXY_API_KEY", "sk-proxy"));

        assertThat(catalog.provider("my-proxy").orElseThrow().apiKeySource()).isEqualTo("env:MY_PROXY_API_KEY");
        assertThat(BuiltinProviders.apiKeyEnv("anthropic")).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(BuiltinProviders.apiKeyEnv("lmstudio")).isEqualTo("LM_API_TOKEN");
    }
}
