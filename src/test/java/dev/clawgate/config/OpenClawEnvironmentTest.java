package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.agent.store.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenClaw's config {@code env} block, {@code OPENCLAW_HOME} and {@code OPENCLAW_STATE_DIR}. */
class OpenClawEnvironmentTest {

    @TempDir
    Path home;

    private static final String CONFIG = """
            { env: { LOCAL_URL: "http://127.0.0.1:1111/v1", vars: { LOCAL_KEY: "from-config", SHOWN: "x" },
                     shellEnv: { enabled: true } },
              models: { mode: "replace", providers: { l: { baseUrl: "${LOCAL_URL}", apiKey: "${LOCAL_KEY}",
                models: [{ id: "m" }] } } },
              agents: { defaults: { model: "l/m" } } }
            """;

    @Test
    void theEnvBlockFeedsSubstitutionAndTheProcessEnvironmentWins() throws IOException {
        Path config = Files.writeString(home.resolve("openclaw.json"), CONFIG);

        ClawgateConfig fromBlock = load(Map.of(), config);
        assertThat(fromBlock.models().providers().get("l").baseUrl()).isEqualTo("http://127.0.0.1:1111/v1");
        assertThat(fromBlock.warnings()).anySatisfy(w -> assertThat(w.toString()).contains("shellEnv"));
        assertThat(fromBlock.warnings()).noneSatisfy(w -> assertThat(w.toString()).contains("LOCAL_URL"));

        ClawgateConfig processWins = load(Map.of("LOCAL_URL", "http://127.0.0.1:2222/v1"), config);
        assertThat(processWins.models().providers().get("l").baseUrl()).isEqualTo("http://127.0.0.1:2222/v1");
    }

    @Test
    void theEnvBlockIsSeenByEveryKeyLookupNotOnlySubstitution() throws IOException {
        Path config = Files.writeString(home.resolve("openclaw.json"), """
                { env: { OPENROUTER_API_KEY: "sk-or-from-block", vars: { BOX_KEY: "box-from-block" } },
                  models: { providers: { box: { baseUrl: "https://box.example/v1", apiKey: { source: "env", id: "BOX_KEY" },
                    models: [{ id: "m", name: "M" }] } } },
                  agents: { defaults: { model: { primary: "openrouter/anthropic/claude-sonnet-4-5", fallbacks: ["box/m"] } } } }
                """);

        ClawgateConfig loaded = load(Map.of(), config);
        dev.clawgate.catalog.ModelCatalog catalog = dev.clawgate.catalog.ModelCatalog.build(loaded,
                Environment.of(Map.of(), home));
        dev.clawgate.catalog.ProviderSpec openrouter = catalog.provider("openrouter").orElseThrow();
        assertThat(openrouter.apiKey()).isEqualTo("sk-or-from-block");
        assertThat(openrouter.apiKeySource()).isEqualTo("env:OPENROUTER_API_KEY");
        assertThat(catalog.provider("box").orElseThrow().apiKey()).isEqualTo("box-from-block");
        assertThat(loaded.toString()).doesNotContain("sk-or-from-block").contains("OPENROUTER_API_KEY");

        // the process environment still wins
        ClawgateConfig again = load(Map.of("OPENROUTER_API_KEY", "sk-or-process"), config);
        assertThat(dev.clawgate.catalog.ModelCatalog.build(again, Environment.of(Map.of("OPENROUTER_API_KEY",
                "sk-or-process"), home)).provider("openrouter").orElseThrow().apiKey()).isEqualTo("sk-or-process");
    }

    @Test
    void envBlockValuesAreSecretsInConfigShowAndMustBeStrings() throws IOException {
        assertThat(ConfigPaths.isSecret("env.LOCAL_KEY")).isTrue();
        assertThat(ConfigPaths.isSecret("env.vars.LOCAL_KEY")).isTrue();
        assertThat(ConfigPaths.isSecret("env.shellEnv.enabled")).isFalse();
        Path config = Files.writeString(home.resolve("openclaw.json"), "{ env: { PORT: 8080, \"bad-name\": \"x\" } }");
        assertThatThrownBy(() -> load(Map.of(), config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable PORT must be a string")
                .hasMessageContaining("\"bad-name\" is not an environment variable name");
    }

    @Test
    void openClawHomeMovesTheOpenClawConfigLookup() throws IOException {
        Path service = Files.createDirectories(home.resolve("svc/.openclaw"));
        Files.writeString(service.resolve("openclaw.json"), "{ agents: { defaults: { model: \"l/m\" } },"
                + " models: { providers: { l: { baseUrl: \"http://127.0.0.1:1/v1\", models: [{ id: \"m\" }] } } } }");
        ConfigLocation found = new ConfigLoader(Environment.of(Map.of("OPENCLAW_HOME", "~/svc"), home)).locate(null);
        assertThat(found.path()).isEqualTo(service.resolve("openclaw.json"));
        ConfigLocation unset = new ConfigLoader(Environment.of(Map.of("OPENCLAW_HOME", " undefined "), home)).locate(null);
        assertThat(unset.isBuiltIn()).isTrue();
    }

    @Test
    void openClawStateDirIsUsedUnlessClawgatesIsSet() {
        Path openclaw = home.resolve("openclaw-state");
        Path clawgate = home.resolve("clawgate-state");
        assertThat(StateDirectory.sessionDatabase(Environment.of(Map.of("OPENCLAW_STATE_DIR", openclaw.toString()), home),
                null)).isEqualTo(openclaw.resolve("sessions.db"));
        assertThat(StateDirectory.sessionDatabase(Environment.of(Map.of("OPENCLAW_STATE_DIR", openclaw.toString(),
                "CLAWGATE_STATE_DIR", clawgate.toString()), home), null)).isEqualTo(clawgate.resolve("sessions.db"));
        assertThat(StateDirectory.sessionDatabase(Environment.of(Map.of(), home), null))
                .isEqualTo(home.resolve(".clawgate/state/sessions.db"));
    }

    private ClawgateConfig load(Map<String, String> variables, Path config) {
        ConfigLoader loader = new ConfigLoader(Environment.of(variables, home));
        return loader.load(loader.locate(config)).config();
    }
}
