package dev.clawgate.catalog;

import static dev.clawgate.catalog.Fixtures.agents;
import static dev.clawgate.catalog.Fixtures.config;
import static dev.clawgate.catalog.Fixtures.env;
import static dev.clawgate.catalog.Fixtures.provider;
import static dev.clawgate.catalog.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.ModelConfig;
import dev.clawgate.config.ModelsConfig.Mode;
import dev.clawgate.config.ProviderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogBuildTest {

    @TempDir
    Path home;

    @Test
    void hybridConfigChainsHostedPrimaryLocalFallbackAndOpus() {
        ModelCatalog catalog = ModelCatalog.build(Fixtures.hybrid(), env(home, "ANTHROPIC_API_KEY", "sk-ant-test"));

        assertThat(catalog.defaultChain()).extracting(ModelSpec::ref).containsExactly(
                "anthropic/claude-sonnet-4-5", "lmstudio/minimax-m2.1-gs32", "anthropic/claude-opus-4-6");
        ModelSpec local = catalog.defaultChain().get(1);
        assertThat(local.api()).isEqualTo("openai-responses");
        assertThat(local.provider().baseUrl()).isEqualTo("http://127.0.0.1:1234/v1");
        assertThat(local.contextWindow()).isEqualTo(196608);
        assertThat(local.maxTokens()).isEqualTo(8192);
        assertThat(local.configured()).isTrue();
        assertThat(local.provider().isLocal()).isTrue();
        ModelSpec sonnet = catalog.defaultChain().get(0);
        assertThat(sonnet.api()).isEqualTo("anthropic-messages");
        assertThat(sonnet.cost().input()).isEqualTo(3.0);
        assertThat(sonnet.configured()).isFalse();
        assertThat(catalog.aliases()).containsEntry("Sonnet", "anthropic/claude-sonnet-4-5")
                .containsEntry("MiniMax Local", "lmstudio/minimax-m2.1-gs32").containsEntry("Opus", "anthropic/claude-opus-4-6");
    }

    @Test
    void mergeKeepsBuiltinProvidersAndListsConfiguredRowsFirst() {
        ModelCatalog catalog = ModelCatalog.build(Fixtures.hybrid(), env(home));

        assertThat(catalog.providers()).extracting(ProviderSpec::id)
                .contains("lmstudio", "anthropic", "openai", "openrouter", "vllm", "ollama");
        assertThat(catalog.models().get(0).ref()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(catalog.provider("lmstudio").orElseThrow().configured()).isTrue();
        assertThat(catalog.provider("lmstudio").orElseThrow().builtin()).isTrue();
        assertThat(catalog.provider("openai").orElseThrow().configured()).isFalse();
    }

    @Test
    void mergeOverlaysAConfiguredRowOnTheBuiltinRowFieldByField() {
        ProviderConfig anthropic = new ProviderConfig(null, null, null, null, null, 30, null,
                List.of(row("claude-sonnet-4-5", 100_000, null)), null, null, null);
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("Anthropic", anthropic), AgentsConfig.EMPTY),
                env(home));

        ModelSpec sonnet = catalog.find("anthropic", "claude-sonnet-4-5").orElseThrow();
        assertThat(sonnet.contextWindow()).isEqualTo(100_000);
        assertThat(sonnet.maxTokens()).isEqualTo(64_000);
        assertThat(sonnet.cost().output()).isEqualTo(15.0);
        assertThat(sonnet.configured()).isTrue();
        assertThat(sonnet.provider().baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(sonnet.provider().firstByteTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(catalog.find("anthropic", "claude-opus-4-6")).isPresent();
        assertThat(catalog.models().stream().filter(m -> m.ref().equals("anthropic/claude-sonnet-4-5"))).hasSize(1);
    }

    @Test
    void replaceKeepsOnlyWhatIsConfigured() {
        ClawgateConfig config = config(Mode.REPLACE, Fixtures.ordered("lmstudio", Fixtures.lmstudio(),
                "anthropic", new ProviderConfig(null, null, null, null, null, null, null,
                        List.of(row("claude-sonnet-4-5", null, null)), null, null, null)), AgentsConfig.EMPTY);
        ModelCatalog catalog = ModelCatalog.build(config, env(home));

        assertThat(catalog.providers()).extracting(ProviderSpec::id).containsExactly("lmstudio", "anthropic");
        assertThat(catalog.models()).extracting(ModelSpec::ref)
                .containsExactly("lmstudio/minimax-m2.1-gs32", "anthropic/claude-sonnet-4-5");
        ModelSpec sonnet = catalog.models().get(1);
        assertThat(sonnet.provider().baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(sonnet.cost()).isEqualTo(ModelCost.FREE);
        assertThat(sonnet.contextWindow()).isEqualTo(ModelSpec.DEFAULT_CONTEXT_WINDOW);
        assertThatThrownBy(() -> catalog.resolve("anthropic/claude-opus-4-6")).isInstanceOf(ModelRefException.class);
        assertThatThrownBy(() -> catalog.resolve("openai/gpt-5")).isInstanceOf(ModelRefException.class)
                .hasMessageContaining("unknown provider \"openai\"");
    }

    @Test
    void omittedFieldsGetOpenClawDefaults() {
        ProviderConfig custom = new ProviderConfig("http://gpu-box:8000/v1/", null, null, null, null, null, null,
                List.of(row("qwen3", null, null), row("big", 32_768, 4096)), null, null, 2048);
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("box", custom), AgentsConfig.EMPTY),
                env(home));

        ProviderSpec box = catalog.provider("box").orElseThrow();
        assertThat(box.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(box.api()).isEqualTo("openai-completions");
        assertThat(box.firstByteTimeout()).isEqualTo(Duration.ofSeconds(120));
        ModelSpec qwen = catalog.find("box", "qwen3").orElseThrow();
        assertThat(qwen.name()).isEqualTo("qwen3");
        assertThat(qwen.reasoning()).isFalse();
        assertThat(qwen.input()).containsExactly("text");
        assertThat(qwen.cost()).isEqualTo(ModelCost.FREE);
        assertThat(qwen.contextWindow()).isEqualTo(ModelSpec.DEFAULT_CONTEXT_WINDOW);
        assertThat(qwen.contextTokens()).isNull();
        assertThat(qwen.maxTokens()).isEqualTo(2048);
        ModelSpec big = catalog.find("box", "big").orElseThrow();
        assertThat(big.contextWindow()).isEqualTo(32_768);
        assertThat(big.maxTokens()).isEqualTo(4096);
    }

    @Test
    void providerLevelLimitsAreDefaultsForItsRowsAndTheAgentCapLowersTheWindow() {
        ProviderConfig custom = new ProviderConfig("http://127.0.0.1:9000/v1", null, null, null, null, null, null,
                List.of(row("a", null, null), row("b", 64_000, null)), 100_000, 90_000, null);
        AgentsConfig agents = new AgentsConfig(new AgentsConfig.Defaults(null, Map.of(), 80_000, null, null, null,
                null, null), List.of());
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("p", custom), agents), env(home));

        ModelSpec a = catalog.find("p", "a").orElseThrow();
        assertThat(a.contextWindow()).isEqualTo(100_000);
        assertThat(a.contextTokens()).isEqualTo(80_000);
        ModelSpec b = catalog.find("p", "b").orElseThrow();
        assertThat(b.contextWindow()).isEqualTo(64_000);
        assertThat(b.effectiveContextWindow()).isEqualTo(64_000);
    }

    @Test
    void hostedProvidersWaitSixtySecondsForTheFirstByteAndOllamaLosesItsV1() {
        ProviderConfig ollama = provider("http://127.0.0.1:11434/v1/", null, null, row("llama3", null, null));
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("ollama", ollama), AgentsConfig.EMPTY),
                env(home));

        assertThat(catalog.provider("ollama").orElseThrow().baseUrl()).isEqualTo("http://127.0.0.1:11434");
        assertThat(catalog.provider("ollama").orElseThrow().api()).isEqualTo("ollama");
        assertThat(catalog.find("ollama", "llama3").orElseThrow().contextWindow()).isEqualTo(128_000);
        assertThat(catalog.provider("openai").orElseThrow().firstByteTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aCustomProviderWithoutBaseUrlIsLeftOut() {
        ProviderConfig broken = provider(null, null, null, row("x", null, null));
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("mystery", broken), AgentsConfig.EMPTY),
                env(home));

        assertThat(catalog.provider("mystery")).isEmpty();
    }

    @Test
    void primaryDefaultsToTheFirstConfiguredModelThenOpenClawsDefault() {
        ProviderConfig local = provider("http://127.0.0.1:8000/v1", "openai-responses", null,
                row("my-local-model", 120_000, 8192));
        ModelCatalog configured = ModelCatalog.build(config(Mode.MERGE, Map.of("local", local), AgentsConfig.EMPTY),
                env(home));
        ModelCatalog empty = ModelCatalog.build(config(Mode.MERGE, Map.of(), AgentsConfig.EMPTY), env(home));

        assertThat(configured.primaryRef()).isEqualTo("local/my-local-model");
        assertThat(configured.defaultChain()).extracting(ModelSpec::ref).containsExactly("local/my-local-model");
        assertThat(empty.primaryRef()).isEqualTo("anthropic/claude-opus-4-6");
    }

    @Test
    void chainIsDeduplicatedAndSkipsUnknownReferences() {
        ClawgateConfig config = config(Mode.MERGE, Map.of("lmstudio", Fixtures.lmstudio()), agents(
                new AgentsConfig.ModelChain("lmstudio/minimax-m2.1-gs32",
                        List.of("nope/x", "LMSTUDIO/minimax-m2.1-gs32", "openai/gpt-5")), Map.of()));
        ModelCatalog catalog = ModelCatalog.build(config, env(home));

        assertThat(catalog.defaultChain()).extracting(ModelSpec::ref)
                .containsExactly("lmstudio/minimax-m2.1-gs32", "openai/gpt-5");
        assertThat(catalog.fallbackRefs()).hasSize(3);
    }

    @Test
    void builtinRowsCarryPricesAndLimits() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(), AgentsConfig.EMPTY), env(home));

        ModelSpec opus = catalog.resolve("anthropic/claude-opus-4-6");
        assertThat(opus.reasoning()).isTrue();
        assertThat(opus.acceptsImages()).isTrue();
        assertThat(opus.cost().output()).isPositive();
        ModelSpec kimi = catalog.resolve("openrouter/moonshotai/kimi-k2");
        assertThat(kimi.provider().api()).isEqualTo("openai-completions");
        assertThat(catalog.resolve("openai/gpt-4.1").contextWindow()).isGreaterThan(1_000_000);
        assertThat(catalog.find("openrouter", "minimax/minimax-m2.1")).isPresent();
        assertThat(catalog.models()).noneMatch(ModelSpec::configured);
    }

    /** Gemini has its adapter now: the built-in google rows are callable once GEMINI_API_KEY is set. */
    @Test
    void builtinGeminiRowsAreUsableWithTheirKey() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(), AgentsConfig.EMPTY),
                env(home, "GEMINI_API_KEY", "AIzaSyTest"));
        ModelSpec flash = catalog.resolve("google/gemini-2.5-flash");
        assertThat(flash.api()).isEqualTo("google-generative-ai");
        assertThat(flash.contextWindow()).isEqualTo(1_048_576);
        assertThat(flash.reasoning()).isTrue();
        assertThat(flash.unusableReason()).isNull();
        assertThat(flash.provider().apiKey()).isEqualTo("AIzaSyTest");
    }

    @Test
    void modelRowsKeepHeadersOutOfToString() {
        ProviderConfig secretive = new ProviderConfig("https://proxy.example.com/v1",
                new dev.clawgate.config.SecretRef.Literal("sk-very-secret"), null, Map.of("X-Team", "a"), true, null,
                null, List.of(new ModelConfig("m", null, null, null, null, null, null, null, null, null, null)),
                null, null, null);
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("proxy", secretive), AgentsConfig.EMPTY),
                env(home));

        ProviderSpec proxy = catalog.provider("proxy").orElseThrow();
        assertThat(proxy.authHeader()).isTrue();
        assertThat(proxy.headers()).containsEntry("X-Team", "a");
        assertThat(proxy.toString()).doesNotContain("sk-very-secret");
        assertThat(catalog.find("proxy", "m").orElseThrow().toString()).doesNotContain("sk-very-secret");
        assertThat(catalog.toString()).doesNotContain("sk-very-secret");
    }

    @Test
    void theBuiltInDefaultAddsHostedFallbacksForProvidersWithAKey() {
        ClawgateConfig builtIn = config(Mode.MERGE, Map.of("lmstudio", Fixtures.lmstudio()), agents(
                new AgentsConfig.ModelChain("lmstudio/minimax-m2.1-gs32", null), Map.of()));
        ClawgateConfig fromFile = new ClawgateConfig(builtIn.models(), builtIn.agents(), null,
                home.resolve("clawgate.json5"), List.of());

        ModelCatalog withKeys = ModelCatalog.build(builtIn,
                env(home, "ANTHROPIC_API_KEY", "a", "OPENROUTER_API_KEY", "o"));
        ModelCatalog withoutKeys = ModelCatalog.build(builtIn, env(home));
        ModelCatalog file = ModelCatalog.build(fromFile, env(home, "ANTHROPIC_API_KEY", "a"));

        assertThat(withKeys.defaultChain()).extracting(ModelSpec::ref).containsExactly("lmstudio/minimax-m2.1-gs32",
                "anthropic/claude-opus-4-6", "openrouter/minimax/minimax-m2.1");
        assertThat(withoutKeys.defaultChain()).extracting(ModelSpec::ref).containsExactly("lmstudio/minimax-m2.1-gs32");
        assertThat(file.fallbackRefs()).isEmpty();
    }
}
