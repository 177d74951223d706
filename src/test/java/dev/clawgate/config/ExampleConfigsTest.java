package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExampleConfigsTest {

    @TempDir
    Path home;

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json5")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(4);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsUnchangedWithoutProblems(Path example) {
        ConfigLoader loader = new ConfigLoader(Environment.of(Map.of(), home));
        LoadedConfig loaded = loader.load(loader.locate(example.toAbsolutePath()));

        assertThat(loaded.config().warnings()).isEmpty();
        assertThat(loaded.config().models().mode()).isEqualTo(ModelsConfig.Mode.MERGE);
        assertThat(loaded.config().models().providers()).hasSize(1);
        ProviderConfig provider = loaded.config().models().providers().values().iterator().next();
        assertThat(provider.api()).isEqualTo("openai-responses");
        assertThat(provider.models()).singleElement().satisfies(m -> {
            assertThat(m.maxTokens()).isEqualTo(8192);
            assertThat(m.input()).containsExactly("text");
            assertThat(m.cost()).isEqualTo(new ModelConfig.CostConfig(0.0, 0.0, 0.0, 0.0));
        });
        assertThat(loaded.location().reason()).isEqualTo("--config");
    }

    @Test
    void hybridHostedPrimaryBindsTheChainAndAliases() {
        ConfigLoader loader = new ConfigLoader(Environment.of(Map.of(), home));
        LoadedConfig loaded = loader.load(loader.locate(Path.of("examples/hybrid-hosted-primary.json5").toAbsolutePath()));

        AgentsConfig.Defaults defaults = loaded.config().agents().defaults();
        assertThat(defaults.model()).isEqualTo(new AgentsConfig.ModelChain("anthropic/claude-sonnet-4-5",
                List.of("lmstudio/minimax-m2.1-gs32", "anthropic/claude-opus-4-6")));
        assertThat(defaults.models()).containsOnlyKeys("anthropic/claude-sonnet-4-5", "lmstudio/minimax-m2.1-gs32",
                "anthropic/claude-opus-4-6");
        assertThat(defaults.models().get("anthropic/claude-opus-4-6").alias()).isEqualTo("Opus");
        ProviderConfig lmstudio = loaded.config().models().providers().get("lmstudio");
        assertThat(lmstudio.baseUrl()).isEqualTo("http://127.0.0.1:1234/v1");
        assertThat(lmstudio.apiKey()).isEqualTo(new SecretRef.Literal("lmstudio"));
        assertThat(lmstudio.models().get(0).contextWindow()).isEqualTo(196608);
        assertThat(loaded.sources().at("models.providers.lmstudio.models[0].contextWindow"))
                .hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(30));
        assertThat(loaded.sources().at("agents.defaults.models[\"anthropic/claude-opus-4-6\"].alias"))
                .isPresent();
    }

    @Test
    void builtInDefaultIsTheRecommendedLmStudioSetup() {
        ConfigLoader loader = new ConfigLoader(Environment.of(Map.of(), home));
        ConfigLocation location = loader.locate(null);
        LoadedConfig loaded = loader.load(location);

        assertThat(location.isBuiltIn()).isTrue();
        ClawgateConfig config = loaded.config();
        assertThat(config.source()).isNull();
        assertThat(config.warnings()).isEmpty();
        assertThat(config.models().mode()).isEqualTo(ModelsConfig.Mode.MERGE);
        ProviderConfig lmstudio = config.models().providers().get("lmstudio");
        assertThat(lmstudio.baseUrl()).isEqualTo("http://127.0.0.1:1234/v1");
        assertThat(lmstudio.api()).isEqualTo("openai-responses");
        assertThat(lmstudio.apiKey()).isEqualTo(new SecretRef.Literal("lmstudio"));
        assertThat(lmstudio.models()).extracting(ModelConfig::id).containsExactly("minimax-m2.1-gs32");
        assertThat(config.agents().defaults().model().primary()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(config.gateway()).isEqualTo(GatewayConfig.DEFAULT);
        assertThat(loaded.sources().origin("models.providers.lmstudio.baseUrl")).isEqualTo("built-in default");
    }

    @Test
    void builtInDefaultBindsLikeTheLmStudioExample(@TempDir Path dir) throws IOException {
        ConfigLoader loader = new ConfigLoader(Environment.of(Map.of(), home));
        ClawgateConfig builtIn = loader.load(loader.locate(null)).config();
        ClawgateConfig example = loader.load(loader.locate(Path.of("examples/lmstudio-minimax.json5").toAbsolutePath()))
                .config();

        assertThat(builtIn.models()).isEqualTo(example.models());
        assertThat(builtIn.agents()).isEqualTo(example.agents());
    }
}
