package dev.clawgate.cli;

import static dev.clawgate.cli.CliRunner.example;
import static dev.clawgate.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigCommandsTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"hybrid-hosted-primary.json5", "hybrid-local-first.json5", "lmstudio-minimax.json5",
            "local-openai-compatible.json5"})
    void everyExampleValidates(String name) {
        CliRunner.Result r = run(home, Map.of("ANTHROPIC_API_KEY", "sk-ant"), "config", "validate", "--config",
                example(name));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("OK: " + example(name) + " (--config)").doesNotContain("warning");
    }

    @Test
    void aMissingKeyIsOnlyAWarningForValidate() {
        CliRunner.Result r = run(home, Map.of(), "config", "validate", "--config", example("hybrid-hosted-primary.json5"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.line("warning: ")).contains("hybrid-hosted-primary.json5:6:", "ANTHROPIC_API_KEY");
    }

    @Test
    void withoutAConfigFileItExplainsTheBuiltInDefault() {
        CliRunner.Result r = run(home, Map.of(), "config", "validate");

        assertThat(r.exitCode()).isZero();
        assertThat(r.line("OK: ")).startsWith("OK: built-in default (built-in default (no config file found; looked at");
        assertThat(r.out()).contains("No config file was found")
                .contains("default  lmstudio/minimax-m2.1-gs32 at http://127.0.0.1:1234/v1 (api openai-responses)")
                .contains("hosted providers with a key: none");
    }

    @Test
    void unknownReferencesFailWithPositionsAndSuggestions() throws Exception {
        Path config = home.resolve("typo.json5");
        Files.writeString(config, """
                {
                  agents: {
                    defaults: {
                      model: { primary: "anthropic/claude-sonet-4-5", fallbacks: ["lmstudio/minimax"] },
                    },
                  },
                }
                """);

        CliRunner.Result r = run(home, Map.of("ANTHROPIC_API_KEY", "k"), "config", "validate", "--config",
                config.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("typo.json5:4:25: agents.defaults.model.primary: unknown model "
                + "\"anthropic/claude-sonet-4-5\" (did you mean anthropic/claude-sonnet-4-5?)");
        assertThat(r.out()).contains("warning: typo.json5:4:67: agents.defaults.model.fallbacks[0]: "
                + "\"lmstudio/minimax\" is not in Clawgate's catalog: resolved at run time against lmstudio's model list");
        assertThat(r.line("Invalid config: ")).isEqualTo("Invalid config: 1 problem in " + config);
    }

    @Test
    void loaderErrorsArePrintedOnePerLineAsJsonToo() throws Exception {
        Path config = home.resolve("bad.json5");
        Files.writeString(config, "{ modles: {} }\n");

        CliRunner.Result text = run(home, Map.of(), "config", "validate", "--config", config.toString());
        CliRunner.Result json = run(home, Map.of(), "config", "validate", "--json", "--config", config.toString());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("bad.json5:1:3: modles: unknown key 'modles'");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("valid").asBoolean()).isFalse();
        assertThat(node.get("errors").get(0).get("line").asInt()).isEqualTo(1);
    }

    @Test
    void showRedactsSecretsAndSaysWhereEachValueCameFrom() throws Exception {
        Path config = home.resolve("secrets.json5");
        Files.writeString(config, """
                {
                  models: {
                    providers: {
                      openai: { apiKey: "${OPENAI_API_KEY}" },
                      proxy: {
                        baseUrl: "https://llm.example.com/v1",
                        apiKey: "sk-literal-secret-42",
                        headers: { Authorization: "Bearer sk-header-secret-43", "X-Team": "blue" },
                        models: [{ id: "m" }],
                      },
                    },
                  },
                }
                """);

        CliRunner.Result r = run(home, Map.of("OPENAI_API_KEY", "sk-env-secret-41"), "config", "show", "--config",
                config.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).doesNotContain("sk-env-secret-41", "sk-literal-secret-42", "sk-header-secret-43");
        assertThat(r.line("models.providers.openai.apiKey = ")).contains("\"<redacted>\"", "${OPENAI_API_KEY} in");
        assertThat(r.line("models.providers.proxy.apiKey = ")).contains("\"<redacted>\"", "secrets.json5:7");
        assertThat(r.line("models.providers.proxy.headers.Authorization = ")).contains("\"<redacted>\"");
        assertThat(r.line("models.providers.proxy.headers[\"X-Team\"] = ")).contains("\"blue\"");
        assertThat(r.line("models.providers.proxy.baseUrl = ")).contains("\"https://llm.example.com/v1\"  # ");
    }

    @Test
    void everyCommandHasHelpAndBadUsageExitsOne() {
        for (String[] args : new String[][] {{"--help"}, {"config", "--help"}, {"config", "validate", "--help"},
                {"config", "show", "--help"}, {"models", "--help"}, {"models", "list", "--help"},
                {"models", "status", "--help"}}) {
            CliRunner.Result r = run(home, Map.of(), args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: clawgate");
        }
        CliRunner.Result bad = run(home, Map.of(), "models", "list", "--bogus");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("Unknown option: '--bogus'");
        assertThat(run(home, Map.of(), "models", "list", "--help").out()).contains("--config=PATH", "--all", "--local",
                "--provider=ID", "--json");
    }

    @Test
    void theBuiltInDefaultFallsBackToHostedModelsWhoseKeysAreSet() {
        CliRunner.Result r = run(home, Map.of("ANTHROPIC_API_KEY", "sk-ant-secret-77"), "config", "validate");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("fallback anthropic/claude-opus-4-6 at https://api.anthropic.com")
                .contains("hosted providers with a key: anthropic").doesNotContain("sk-ant-secret-77");
    }
}
