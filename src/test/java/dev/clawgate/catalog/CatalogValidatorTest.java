package dev.clawgate.catalog;

import static dev.clawgate.catalog.Fixtures.agents;
import static dev.clawgate.catalog.Fixtures.aliases;
import static dev.clawgate.catalog.Fixtures.config;
import static dev.clawgate.catalog.Fixtures.env;
import static dev.clawgate.catalog.Fixtures.provider;
import static dev.clawgate.catalog.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.ConfigProblem.Severity;
import dev.clawgate.config.ModelsConfig.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogValidatorTest {

    @TempDir
    Path home;

    private List<CatalogIssue> check(ClawgateConfig config, String... env) {
        return CatalogValidator.check(config, ModelCatalog.build(config, env(home, env)));
    }

    @Test
    void theHybridExampleIsCleanWithAKey() {
        assertThat(check(Fixtures.hybrid(), "ANTHROPIC_API_KEY", "sk-ant")).isEmpty();
    }

    @Test
    void aMissingKeyForAModelInUseIsAWarning() {
        List<CatalogIssue> issues = check(Fixtures.hybrid());

        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.path()).isEqualTo("agents.defaults.model.primary");
            assertThat(i.message()).contains("no credential for provider \"anthropic\"");
            assertThat(i.hint()).contains("ANTHROPIC_API_KEY");
        });
    }

    @Test
    void everyUnknownReferenceIsAnErrorAtItsPathWithTheNearestMatches() {
        AgentsConfig agents = agents(
                new AgentsConfig.ModelChain("anthropic/claude-sonet-4-5", List.of("openai/gpt-5", "lmstudio/minimax")),
                aliases("antropic/claude-opus-4-6", "Opus"),
                new AgentsConfig.Agent("coder", null, new AgentsConfig.ModelChain("openai/gpt5", null), null, null,
                        null, null));
        List<CatalogIssue> issues = check(config(Mode.MERGE, Map.of("lmstudio", Fixtures.lmstudio()), agents),
                "ANTHROPIC_API_KEY", "k", "OPENAI_API_KEY", "k");

        List<CatalogIssue> errors = issues.stream().filter(CatalogIssue::isError).toList();
        assertThat(errors).extracting(CatalogIssue::path).containsExactly(
                "agents.defaults.model.primary",
                "agents.defaults.models[\"antropic/claude-opus-4-6\"]",
                "agents.list[0].model.primary");
        assertThat(errors.get(0).message()).isEqualTo("unknown model \"anthropic/claude-sonet-4-5\"");
        assertThat(errors.get(0).hint()).startsWith("did you mean anthropic/claude-sonnet-4-5");
        assertThat(errors.get(1).message()).contains("unknown provider \"antropic\"");
        assertThat(errors.get(2).hint()).contains("openai/gpt-5");
        // a model a local server does not list in the config is looked up on the server when first used
        assertThat(issues).filteredOn(i -> !i.isError()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("agents.defaults.model.fallbacks[1]");
            assertThat(i.message()).contains("resolved at run time against lmstudio's model list");
        });
    }

    @Test
    void allowlistEntriesOutsideTheCatalogWarnAndBareIdsAskForAProvider() {
        AgentsConfig agents = agents(new AgentsConfig.ModelChain("minimax-m2.1-gs32", null),
                aliases("lmstudio/qwen3-32b", "Qwen", "openai/gpt-5", "qwen"));
        List<CatalogIssue> issues = check(config(Mode.MERGE, Map.of("lmstudio", Fixtures.lmstudio()), agents));

        assertThat(issues).allMatch(i -> i.severity() == Severity.WARNING);
        assertThat(issues).extracting(CatalogIssue::message).anySatisfy(m -> assertThat(m)
                        .contains("\"minimax-m2.1-gs32\" has no provider prefix"))
                .anySatisfy(m -> assertThat(m).contains("\"lmstudio/qwen3-32b\" is not in the catalog"))
                .anySatisfy(m -> assertThat(m).contains("alias \"qwen\" is also defined"));
    }

    @Test
    void customProvidersNeedABaseUrlAndRowsNeedDistinctIds() {
        ClawgateConfig config = config(Mode.MERGE, Map.of(
                "mystery", provider(null, null, null, row("x", null, null)),
                "box", provider("http://box:8000/v1", null, null, row("a", null, null), row("a", null, null))),
                AgentsConfig.EMPTY);
        List<CatalogIssue> issues = check(config);

        assertThat(issues).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo("models.providers.mystery.baseUrl");
            assertThat(i.isError()).isTrue();
        });
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo("models.providers.box.models[1].id");
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
        });
    }
}
