package dev.clawgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogChainResolverTest {

    @TempDir
    Path home;

    private CatalogChainResolver resolverFor(String example) {
        Environment env = Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-test"), home);
        ConfigLoader loader = new ConfigLoader(env);
        ModelCatalog catalog = ModelCatalog.build(
                loader.load(loader.locate(Path.of("examples", example).toAbsolutePath())).config(), env);
        return new CatalogChainResolver(() -> catalog);
    }

    private static List<String> refs(List<ModelSpec> chain) {
        return chain.stream().map(ModelSpec::ref).toList();
    }

    @Test
    void noModelMeansTheDefaultChain() {
        assertThat(refs(resolverFor("hybrid-hosted-primary.json5").candidates(null, RouteOptions.DEFAULT)))
                .containsExactly("anthropic/claude-sonnet-4-5", "lmstudio/minimax-m2.1-gs32", "anthropic/claude-opus-4-6");
    }

    @Test
    void aModelInTheChainStartsThereAndContinuesDownIt() {
        CatalogChainResolver resolver = resolverFor("hybrid-hosted-primary.json5");
        assertThat(refs(resolver.candidates("MiniMax Local", RouteOptions.DEFAULT)))
                .containsExactly("lmstudio/minimax-m2.1-gs32", "anthropic/claude-opus-4-6");
        assertThat(refs(resolver.candidates("lmstudio/minimax-m2.1-gs32", RouteOptions.DEFAULT)))
                .containsExactly("lmstudio/minimax-m2.1-gs32", "anthropic/claude-opus-4-6");
        assertThat(refs(resolver.candidates("sonnet", RouteOptions.DEFAULT))).hasSize(3);
    }

    @Test
    void strictOverrideServesTheModelAlone() {
        assertThat(refs(resolverFor("hybrid-hosted-primary.json5").candidates("Opus", RouteOptions.strict())))
                .containsExactly("anthropic/claude-opus-4-6");
    }

    @Test
    void unknownModelListsWhatIsAvailable() {
        assertThatThrownBy(() -> resolverFor("hybrid-local-first.json5").candidates("minimax", RouteOptions.DEFAULT))
                .isInstanceOf(UnknownModelException.class)
                .satisfies(e -> assertThat(((UnknownModelException) e).available())
                        .contains("Sonnet", "MiniMax Local", "Opus", "lmstudio/minimax-m2.1-gs32"));
    }

    @Test
    void modelOutsideTheAllowlistIsRefusedWithTheReason() {
        assertThatThrownBy(() -> resolverFor("hybrid-hosted-primary.json5").candidates("anthropic/claude-haiku-4-5",
                RouteOptions.DEFAULT))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("not allowed");
    }
}
