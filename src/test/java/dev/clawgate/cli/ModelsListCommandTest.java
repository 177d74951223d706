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

class ModelsListCommandTest {

    private static final String HYBRID = example("hybrid-hosted-primary.json5");

    @TempDir
    Path home;

    @Test
    void hybridListShowsTheChainWithTagsAliasesAndLocality() {
        CliRunner.Result r = run(home, Map.of(), "models", "list", "--config", HYBRID);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .startsWith("Model" + " ".repeat(38) + "Input      Ctx         Local Auth  Tags"));
        assertThat(r.out().lines()).hasSize(4);
        assertThat(columns(r.line("anthropic/claude-sonnet-4-5 ")))
                .containsExactly("anthropic/claude-sonnet-4-5", "text+image", "200k", "no", "no",
                        "default,configured,alias:Sonnet");
        assertThat(columns(r.line("lmstudio/minimax-m2.1-gs32 ")))
                .containsExactly("lmstudio/minimax-m2.1-gs32", "text", "196k", "yes", "yes",
                        "fallback#1,configured,alias:MiniMax Local");
        assertThat(columns(r.line("anthropic/claude-opus-4-6 ")))
                .containsExactly("anthropic/claude-opus-4-6", "text+image", "200k", "no", "no",
                        "fallback#2,configured,alias:Opus");
    }

    @Test
    void localListShowsWhatTheServerHasBesideTheConfig() throws Exception {
        try (var server = new dev.clawgate.testing.FakeUpstream().on("/v1/models", dev.clawgate.testing.FakeUpstream.json(
                "{\"data\":[{\"id\":\"declared\"},{\"id\":\"Qwen/Qwen3-8B\",\"max_model_len\":32768}]}"))) {
            Path config = home.resolve("openclaw.json");
            Files.writeString(config, "{ agents: { defaults: { model: \"box/declared\" } }, models: { mode: \"replace\","
                    + " providers: { box: { baseUrl: \"" + server.baseUrl() + "\", models: [{ id: \"declared\" }] } } } }");
            CliRunner.Result r = run(home, Map.of(), "models", "list", "--local", "--config", config.toString());

            assertThat(r.exitCode()).isZero();
            assertThat(columns(r.line("box/Qwen/Qwen3-8B "))).containsExactly("box/Qwen/Qwen3-8B", "text", "32k", "yes",
                    "yes", "discovered");
            assertThat(r.out().lines().filter(l -> l.startsWith("box/declared "))).hasSize(1);
        }
    }

    @Test
    void authColumnFollowsTheKey() {
        CliRunner.Result r = run(home, Map.of("ANTHROPIC_API_KEY", "sk-ant-test"), "models", "list", "--config", HYBRID);

        assertThat(columns(r.line("anthropic/claude-sonnet-4-5 ")).get(4)).isEqualTo("yes");
        assertThat(r.out()).doesNotContain("sk-ant-test");
    }

    @Test
    void jsonListsKeysTagsAndAvailability() throws Exception {
        CliRunner.Result r = run(home, Map.of(), "models", "list", "--json", "--config", HYBRID);

        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("count").asInt()).isEqualTo(3);
        JsonNode local = json.get("models").get(1);
        assertThat(local.get("key").asText()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(local.get("name").asText()).isEqualTo("MiniMax M2.1 GS32");
        assertThat(local.get("input").asText()).isEqualTo("text");
        assertThat(local.get("contextWindow").asInt()).isEqualTo(196608);
        assertThat(local.get("local").asBoolean()).isTrue();
        assertThat(local.get("available").asBoolean()).isTrue();
        assertThat(local.get("missing").asBoolean()).isFalse();
        assertThat(local.get("tags")).extracting(JsonNode::asText)
                .containsExactly("fallback#1", "configured", "alias:MiniMax Local");
        assertThat(json.get("models").get(0).get("available").asBoolean()).isFalse();
    }

    @Test
    void allLocalAndProviderFilterTheCatalog() {
        CliRunner.Result all = run(home, Map.of(), "models", "list", "--all", "--config", HYBRID);
        CliRunner.Result local = run(home, Map.of(), "models", "list", "--all", "--local", "--config", HYBRID);
        CliRunner.Result openrouter = run(home, Map.of(), "models", "list", "--all", "--provider", "OpenRouter",
                "--config", HYBRID);

        assertThat(all.out()).contains("openai/gpt-5 ", "openrouter/moonshotai/kimi-k2 ", "anthropic/claude-haiku-4-5 ");
        assertThat(local.out().lines().skip(1)).singleElement().asString().startsWith("lmstudio/minimax-m2.1-gs32");
        assertThat(openrouter.out().lines().skip(1)).isNotEmpty().allMatch(l -> l.startsWith("openrouter/"));
    }

    @Test
    void referencesOutsideTheCatalogAreListedAsMissing() throws Exception {
        Path config = home.resolve("typo.json5");
        Files.writeString(config, """
                { agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["nowhere/model-x"] } } } }
                """);

        CliRunner.Result r = run(home, Map.of(), "models", "list", "--config", config.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(columns(r.line("nowhere/model-x ")))
                .containsExactly("nowhere/model-x", "-", "-", "-", "-", "fallback#1,missing");
    }

    /** A table row split on runs of two or more spaces or the single spaces between short columns. */
    private static java.util.List<String> columns(String line) {
        String model = line.substring(0, 42).strip();
        String input = line.substring(43, 53).strip();
        String ctx = line.substring(54, 65).strip();
        String local = line.substring(66, 71).strip();
        String auth = line.substring(72, 77).strip();
        String tags = line.length() > 78 ? line.substring(78).strip() : "";
        return java.util.List.of(model, input, ctx, local, auth, tags);
    }
}
