package dev.clawgate.catalog;

import static dev.clawgate.catalog.Fixtures.agents;
import static dev.clawgate.catalog.Fixtures.aliases;
import static dev.clawgate.catalog.Fixtures.config;
import static dev.clawgate.catalog.Fixtures.env;
import static dev.clawgate.catalog.Fixtures.provider;
import static dev.clawgate.catalog.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ModelsConfig.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReferenceTest {

    @TempDir
    Path home;

    private ModelCatalog hybrid() {
        return ModelCatalog.build(Fixtures.hybrid(), env(home));
    }

    @Test
    void parseSplitsOnTheFirstSlashAndLowercasesTheProvider() {
        assertThat(ModelRef.parse("openrouter/moonshotai/kimi-k2")).contains(new ModelRef("openrouter", "moonshotai/kimi-k2"));
        assertThat(ModelRef.parse(" LMStudio/Qwen/Qwen3-8B ")).contains(new ModelRef("lmstudio", "Qwen/Qwen3-8B"));
        assertThat(ModelRef.parse("no-slash")).isEmpty();
        assertThat(ModelRef.parse("/model")).isEmpty();
        assertThat(ModelRef.parse("provider/")).isEmpty();
        assertThat(ModelRef.parse(null)).isEmpty();
    }

    @Test
    void resolvesRefsWithSlashesInTheModelId() {
        ModelSpec kimi = hybrid().resolve("openrouter/moonshotai/kimi-k2");

        assertThat(kimi.provider().id()).isEqualTo("openrouter");
        assertThat(kimi.id()).isEqualTo("moonshotai/kimi-k2");
        assertThat(kimi.ref()).isEqualTo("openrouter/moonshotai/kimi-k2");
    }

    @Test
    void providerIdsIgnoreCaseAndModelIdsMatchCaseInsensitivelyWhenUnambiguous() {
        ModelCatalog catalog = hybrid();

        assertThat(catalog.resolve("Anthropic/Claude-Sonnet-4-5").ref()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(catalog.find("LMSTUDIO", "MiniMax-M2.1-GS32")).isPresent();
    }

    @Test
    void modelIdsThatDifferOnlyInCaseNeedTheExactCase() {
        var p = provider("http://127.0.0.1:1234/v1", null, null, row("Qwen/Qwen3-8B", null, null),
                row("qwen/qwen3-8b", null, null));
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("lmstudio", p), AgentsConfig.EMPTY),
                env(home));

        assertThat(catalog.resolve("lmstudio/Qwen/Qwen3-8B").id()).isEqualTo("Qwen/Qwen3-8B");
        assertThat(catalog.resolve("lmstudio/qwen/qwen3-8b").id()).isEqualTo("qwen/qwen3-8b");
        assertThatThrownBy(() -> catalog.resolve("lmstudio/QWEN/QWEN3-8B"))
                .isInstanceOf(ModelRefException.class).hasMessageContaining("differ only in case");
    }

    @Test
    void aliasesIgnoreCase() {
        ModelCatalog catalog = hybrid();

        assertThat(catalog.resolve("sonnet").ref()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(catalog.resolve("SONNET").ref()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(catalog.resolve(" minimax local ").ref()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(catalog.aliasFor("anthropic/claude-opus-4-6")).contains("Opus");
        assertThat(catalog.aliasesFor("lmstudio/minimax-m2.1-gs32")).containsExactly("MiniMax Local");
    }

    @Test
    void theLastDefinitionOfAnAliasWins() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(), agents(null,
                aliases("anthropic/claude-opus-4-6", "Big", "openai/gpt-5", "big"))), env(home));

        assertThat(catalog.resolve("BIG").ref()).isEqualTo("openai/gpt-5");
        assertThat(catalog.aliases()).containsOnlyKeys("big");
    }

    @Test
    void aBareIdResolvesWhenExactlyOneProviderHasIt() {
        assertThat(hybrid().resolve("minimax-m2.1-gs32").ref()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(hybrid().resolve("gpt-5-mini").ref()).isEqualTo("openai/gpt-5-mini");
    }

    @Test
    void aBareIdThatSeveralProvidersHaveIsAmbiguous() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Fixtures.ordered(
                "lmstudio", provider("http://127.0.0.1:1234/v1", null, null, row("qwen3-8b", null, null)),
                "vllm", provider("http://127.0.0.1:8000/v1", null, null, row("qwen3-8b", null, null))),
                AgentsConfig.EMPTY), env(home));

        ModelRefException e = catchThrowableOfType(ModelRefException.class, () -> catalog.resolve("qwen3-8b"));

        assertThat(e.getMessage()).contains("ambiguous").contains("lmstudio/qwen3-8b").contains("vllm/qwen3-8b");
        assertThat(e.suggestions()).containsExactly("lmstudio/qwen3-8b", "vllm/qwen3-8b");
        assertThat(e.reference()).isEqualTo("qwen3-8b");
    }

    @Test
    void unknownModelsSuggestTheNearestRefs() {
        ModelRefException e = catchThrowableOfType(ModelRefException.class,
                () -> hybrid().resolve("anthropic/claude-sonet-4-5"));

        assertThat(e.suggestions()).first().isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(e.getMessage()).contains("unknown model \"anthropic/claude-sonet-4-5\"")
                .contains("did you mean anthropic/claude-sonnet-4-5");
        assertThat(e.reason()).doesNotContain("did you mean");
    }

    @Test
    void unknownAliasesAndProvidersSuggestTooAndNoiseSuggestsNothing() {
        ModelCatalog catalog = hybrid();

        assertThat(catchThrowableOfType(ModelRefException.class, () -> catalog.resolve("Sonet")).suggestions())
                .contains("Sonnet");
        ModelRefException provider = catchThrowableOfType(ModelRefException.class,
                () -> catalog.resolve("antropic/claude-opus-4-6"));
        assertThat(provider.getMessage()).contains("unknown provider \"antropic\"");
        assertThat(provider.suggestions()).contains("anthropic/claude-opus-4-6");
        assertThat(catchThrowableOfType(ModelRefException.class, () -> catalog.resolve("zzzzzzzzqqqq")).suggestions())
                .isEmpty();
        assertThatThrownBy(() -> catalog.resolve(" ")).isInstanceOf(ModelRefException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void anAliasPointingNowhereSaysSo() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(), agents(null,
                aliases("nowhere/model-x", "Ghost"))), env(home));

        assertThatThrownBy(() -> catalog.resolve("ghost")).isInstanceOf(ModelRefException.class)
                .hasMessageContaining("alias \"ghost\" points to \"nowhere/model-x\"");
    }

    @Test
    void allowlistLimitsExplicitPicksButNotTheConfiguredChain() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("lmstudio", Fixtures.lmstudio()),
                agents(new AgentsConfig.ModelChain("lmstudio/minimax-m2.1-gs32", List.of("openai/gpt-5")),
                        aliases("anthropic/claude-opus-4-6", "Opus"))), env(home));

        assertThat(catalog.allowlist()).containsExactly("anthropic/claude-opus-4-6");
        assertThat(catalog.isAllowed("opus")).isTrue();
        assertThat(catalog.isAllowed("openai/gpt-5")).isTrue();
        assertThat(catalog.isAllowed("openai/gpt-5-mini")).isFalse();
        assertThat(catalog.isAllowed("nope/nothing")).isFalse();
        assertThat(catalog.chainFor("Opus")).extracting(ModelSpec::ref).containsExactly("anthropic/claude-opus-4-6");
        assertThat(catalog.chainFor(null)).extracting(ModelSpec::ref)
                .containsExactly("lmstudio/minimax-m2.1-gs32", "openai/gpt-5");
        assertThat(catalog.chainFor("lmstudio/minimax-m2.1-gs32")).hasSize(2);
        assertThatThrownBy(() -> catalog.chainFor("openai/gpt-5-mini")).isInstanceOf(ModelRefException.class)
                .hasMessageContaining("not allowed");
    }

    @Test
    void withoutAllowlistEveryCatalogModelIsAllowedAndWildcardsAllowAProvider() {
        ModelCatalog open = ModelCatalog.build(config(Mode.MERGE, Map.of(), AgentsConfig.EMPTY), env(home));
        ModelCatalog wildcard = ModelCatalog.build(config(Mode.MERGE, Map.of(), agents(null,
                Map.of("openrouter/*", new AgentsConfig.ModelEntry(null, null)))), env(home));

        assertThat(open.isAllowed("openai/gpt-5-mini")).isTrue();
        assertThat(wildcard.isAllowed("openrouter/moonshotai/kimi-k2")).isTrue();
        assertThat(wildcard.isAllowed("openai/gpt-5-mini")).isFalse();
    }

    @Test
    void allowlistEntriesMissingFromTheCatalogGetASyntheticRowWhenTheirProviderExists() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of("lmstudio", Fixtures.lmstudio()), agents(
                null, aliases("lmstudio/qwen3-32b", "Qwen", "ghost/model", "Ghost"))), env(home));

        ModelSpec qwen = catalog.resolve("qwen");
        assertThat(qwen.ref()).isEqualTo("lmstudio/qwen3-32b");
        assertThat(qwen.api()).isEqualTo("openai-responses");
        assertThat(catalog.isSynthetic(qwen)).isTrue();
        assertThat(catalog.isSynthetic(catalog.resolve("lmstudio/minimax-m2.1-gs32"))).isFalse();
        assertThat(catalog.tryResolve("ghost/model")).isEmpty();
    }

    @Test
    void agentChainsAreStrictUnlessTheyListFallbacks() {
        AgentsConfig agents = agents(
                new AgentsConfig.ModelChain("anthropic/claude-sonnet-4-5", List.of("openai/gpt-5")), Map.of(),
                new AgentsConfig.Agent("coder", null, new AgentsConfig.ModelChain("openai/gpt-5-mini", null), null,
                        null, null, null),
                new AgentsConfig.Agent("inherits", null, null, null, null, null, null),
                new AgentsConfig.Agent("own-fallbacks", null,
                        new AgentsConfig.ModelChain(null, List.of("openai/gpt-4.1")), null, null, null, null),
                new AgentsConfig.Agent("explicit", null,
                        new AgentsConfig.ModelChain("openai/gpt-5-mini", List.of("anthropic/claude-haiku-4-5")), null,
                        null, null, null));
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(), agents), env(home));

        assertThat(catalog.agentChain("coder")).extracting(ModelSpec::ref).containsExactly("openai/gpt-5-mini");
        assertThat(catalog.agentChain("INHERITS")).extracting(ModelSpec::ref)
                .containsExactly("anthropic/claude-sonnet-4-5", "openai/gpt-5");
        assertThat(catalog.agentChain("own-fallbacks")).extracting(ModelSpec::ref)
                .containsExactly("anthropic/claude-sonnet-4-5", "openai/gpt-4.1");
        assertThat(catalog.agentChain("explicit")).extracting(ModelSpec::ref)
                .containsExactly("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        assertThat(catalog.agentIds()).containsExactly("coder", "inherits", "own-fallbacks", "explicit");
        assertThat(catalog.modelsInUse()).extracting(ModelSpec::ref).containsExactly("anthropic/claude-sonnet-4-5",
                "openai/gpt-5", "openai/gpt-5-mini", "openai/gpt-4.1", "anthropic/claude-haiku-4-5");
        assertThatThrownBy(() -> catalog.agentChain("nobody")).hasMessageContaining("unknown agent");

        // a request for a model walks the rest of the first chain that has it: the default's, then each agent's
        assertThat(catalog.chainFrom("openai/gpt-5")).get().asList().extracting("ref").containsExactly("openai/gpt-5");
        assertThat(catalog.chainFrom("openai/gpt-5-mini")).get().asList().extracting("ref")
                .as("coder's chain comes before explicit's").containsExactly("openai/gpt-5-mini");
        assertThat(catalog.chainFrom("openai/gpt-4.1")).get().asList().extracting("ref")
                .containsExactly("openai/gpt-4.1");
        assertThat(catalog.chainFrom("anthropic/claude-haiku-4-5")).get().asList().extracting("ref")
                .containsExactly("anthropic/claude-haiku-4-5");
        assertThat(catalog.chainFrom("openai/gpt-4o")).as("in no chain").isEmpty();
    }

    @Test
    void bareIdsAndCaseVariantsResolveThroughTheIndexes() {
        ModelCatalog catalog = ModelCatalog.build(config(Mode.MERGE, Map.of(), agents(
                new AgentsConfig.ModelChain("anthropic/claude-sonnet-4-5", List.of()), Map.of())), env(home));
        assertThat(catalog.resolve("gpt-5-mini").ref()).isEqualTo("openai/gpt-5-mini");
        assertThat(catalog.resolve("GPT-5-MINI").ref()).as("case-insensitive when unambiguous")
                .isEqualTo("openai/gpt-5-mini");
        assertThat(catalog.resolve("OpenAI/GPT-5-mini").ref()).isEqualTo("openai/gpt-5-mini");
        assertThat(catalog.find("openai", "gpt-5-mini")).get().extracting(ModelSpec::ref).isEqualTo("openai/gpt-5-mini");
        assertThat(catalog.find("openai", "no-such-model")).isEmpty();
        assertThat(catalog.find("no-such-provider", "gpt-5-mini")).isEmpty();
    }
}
