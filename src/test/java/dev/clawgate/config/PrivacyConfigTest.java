package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ProviderSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privacy} (string or object) on agent defaults and agents, {@code models.providers.<id>.region} and
 * {@code state.ledgerDays}: bound, checked, and turned into provider regions by the catalog.
 */
class PrivacyConfigTest {

    @TempDir
    Path dir;

    private ConfigTestSupport configs;

    @BeforeEach
    void setUp() {
        configs = new ConfigTestSupport(dir);
    }

    @Test
    void privacyIsLocalOnlyOrRegionsWithDataCollection() {
        ClawgateConfig c = configs.load("c.json5", """
                {
                  agents: {
                    defaults: { privacy: { regions: ["EU", "local"], dataCollection: "deny" } },
                    list: [{ id: "home", privacy: "local-only" }, { id: "work" }],
                  },
                  state: { ledgerDays: 7 },
                }
                """).config();

        assertThat(c.agents().defaults().privacy()).isEqualTo(new PrivacyConfig(List.of("eu", "local"), "deny"));
        assertThat(DataPolicy.of(c.agents().defaults().privacy())).isEqualTo(new DataPolicy(Set.of("eu", "local"), true));
        assertThat(c.agents().list().get(0).privacy()).isEqualTo(PrivacyConfig.LOCAL_ONLY_POLICY);
        assertThat(c.agents().list().get(1).privacy()).isNull();
        assertThat(c.state().ledgerDaysOrDefault()).isEqualTo(7);
        assertThat(configs.load("d.json5", "{}").config().state().ledgerDaysOrDefault())
                .isEqualTo(StateConfig.DEFAULT_LEDGER_DAYS);
    }

    @Test
    void badPrivacyValuesAreErrorsNamingTheFieldAndTheFix() {
        List<String> errors = configs.errorLines("c.json5", """
                {
                  agents: { defaults: { privacy: { regions: [], dataCollection: "maybe", zone: "x" } },
                            list: [{ id: "a", privacy: "hosted-ok" }, { id: "b", privacy: { regions: ["e u"] } }] },
                  models: { providers: { p: { baseUrl: "http://127.0.0.1:1/v1", region: "Mars Base" } } },
                  state: { ledgerDays: 0 },
                }
                """);

        assertThat(String.join("\n", errors)).contains(
                "agents.defaults.privacy.regions: an empty region list would block every provider",
                "agents.defaults.privacy.dataCollection", "agents.defaults.privacy.zone: unknown key 'zone'",
                "agents.list[0].privacy", "'e u' is not a region tag", "models.providers.p.region: 'Mars Base' is not a"
                        + " region tag", "state.ledgerDays");
    }

    @Test
    void regionsAreExplicitElseTheVendorsElseLocalByAddressElseUnknown() {
        LoadedConfig loaded = configs.load("c.json5", """
                {
                  models: { providers: {
                    relay: { baseUrl: "http://127.0.0.1:4000/v1", api: "openai-completions", region: "us",
                             models: [{ id: "m" }] },
                    box: { baseUrl: "http://gpu-box:8000/v1", api: "openai-completions", models: [{ id: "m" }] },
                    custom: { baseUrl: "https://llm.example.com/v1", api: "openai-completions", models: [{ id: "m" }] },
                    openrouter: { region: "eu" },
                    openai: { baseUrl: "http://127.0.0.1:9999/v1" },
                  } },
                }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());

        assertThat(region(catalog, "relay")).isEqualTo("us");
        assertThat(provider(catalog, "relay").isLocal()).as("local by address, not by region").isTrue();
        assertThat(region(catalog, "box")).isEqualTo("local");
        assertThat(region(catalog, "custom")).isNull();
        assertThat(region(catalog, "anthropic")).isEqualTo("us");
        assertThat(region(catalog, "mistral")).isEqualTo("eu");
        assertThat(region(catalog, "openai")).as("the vendor's region is for the vendor's endpoint").isEqualTo("local");
        ProviderSpec openrouter = provider(catalog, "openrouter");
        assertThat(openrouter.region()).isEqualTo("eu");
        assertThat(openrouter.baseUrl()).isEqualTo("https://eu.openrouter.ai/api/v1");
        assertThat(region(catalog, "ollama")).isEqualTo("local");
    }

    @Test
    void aRegionTheVendorsEndpointContradictsIsAWarning() {
        LoadedConfig loaded = configs.load("c.json5", """
                { models: { providers: { anthropic: { region: "eu" }, openrouter: { region: "eu" } } } }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());

        assertThat(dev.clawgate.catalog.CatalogValidator.check(loaded.config(), catalog))
                .extracting(dev.clawgate.catalog.CatalogIssue::message)
                .containsExactly("region \"eu\" but https://api.anthropic.com is anthropic's us endpoint (Clawgate"
                        + " knows no eu endpoint for it)");
    }

    @Test
    void perModelParamsFromAgentDefaultsReachTheModel() {
        LoadedConfig loaded = configs.load("c.json5", """
                {
                  agents: { defaults: { models: {
                    "openrouter/minimax/minimax-m2.1": { params: { provider: { only: ["minimax"] } } },
                  } } },
                }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());

        assertThat(catalog.models().stream().filter(m -> m.ref().equals("openrouter/minimax/minimax-m2.1"))
                .findFirst().orElseThrow().params().at("/provider/only/0").asText()).isEqualTo("minimax");
        assertThat(catalog.models().stream().filter(m -> m.ref().startsWith("anthropic/")).findFirst().orElseThrow()
                .params().isEmpty()).isTrue();
    }

    private static ProviderSpec provider(ModelCatalog catalog, String id) {
        return catalog.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static String region(ModelCatalog catalog, String provider) {
        return provider(catalog, provider).region();
    }
}
