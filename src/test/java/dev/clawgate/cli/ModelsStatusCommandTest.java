package dev.clawgate.cli;

import static dev.clawgate.cli.CliRunner.example;
import static dev.clawgate.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsStatusCommandTest {

    private static final String HYBRID = example("hybrid-hosted-primary.json5");

    @TempDir
    Path home;

    @Test
    void hybridWithoutAnthropicKeyExitsTwoAndNamesTheVariable() {
        CliRunner.Result r = run(home, Map.of(), "models", "status", "--config", HYBRID);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.line("Config: ")).isEqualTo("Config: " + HYBRID + " (--config)");
        assertThat(r.line("Default: ")).isEqualTo("Default: anthropic/claude-sonnet-4-5");
        assertThat(r.line("Fallbacks (2): ")).contains("lmstudio/minimax-m2.1-gs32, anthropic/claude-opus-4-6");
        assertThat(r.line("Aliases (3): ")).contains("Sonnet -> anthropic/claude-sonnet-4-5", "Opus -> anthropic/claude-opus-4-6");
        assertThat(r.line("Configured models (3): ")).contains("lmstudio/minimax-m2.1-gs32");
        assertThat(r.line("- anthropic ")).isEqualTo("- anthropic https://api.anthropic.com api=anthropic-messages key=MISSING");
        assertThat(r.line("- lmstudio ")).isEqualTo("- lmstudio http://127.0.0.1:1234/v1 api=openai-responses key=config");
        assertThat(r.out()).contains("Missing auth:\n- anthropic: set ANTHROPIC_API_KEY");
    }

    @Test
    void hybridWithTheKeyIsFineAndNeverPrintsIt() {
        CliRunner.Result r = run(home, Map.of("ANTHROPIC_API_KEY", "sk-ant-live-0123456789"), "models", "status",
                "--config", HYBRID);

        assertThat(r.exitCode()).isZero();
        assertThat(r.line("- anthropic ")).endsWith("key=env:ANTHROPIC_API_KEY");
        assertThat(r.out()).doesNotContain("Missing auth").doesNotContain("sk-ant-live-0123456789");
    }

    @Test
    void localOnlyConfigNeedsNoKey() {
        CliRunner.Result r = run(home, Map.of(), "models", "status", "--config", example("local-openai-compatible.json5"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.line("Default: ")).isEqualTo("Default: local/my-local-model");
        assertThat(r.line("Configured models (0): ")).endsWith("all");
        assertThat(r.line("- local ")).isEqualTo("- local http://127.0.0.1:8000/v1 api=openai-responses key=config");
    }

    @Test
    void jsonNamesMissingProvidersAndTheirVariables() throws Exception {
        CliRunner.Result r = run(home, Map.of(), "models", "status", "--json", "--config", HYBRID);

        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("resolvedDefault").asText()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(json.get("aliases").get("MiniMax Local").asText()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(json.at("/auth/missingProvidersInUse/0/envVar").asText()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(json.at("/auth/providers/1/key").asText()).isEqualTo("config");
    }

    @Test
    void anInvalidConfigExitsOneWithItsProblems() {
        CliRunner.Result r = run(home, Map.of(), "models", "status", "--config", home.resolve("absent.json5").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("does not exist");
    }
}
