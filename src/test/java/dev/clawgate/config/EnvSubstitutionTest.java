package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSubstitutionTest {

    @TempDir
    Path dir;

    @Test
    void variablesAreSubstitutedInlineAndTracked() {
        ConfigTestSupport configs = new ConfigTestSupport(dir,
                Map.of("HOST", "10.0.0.2", "ANTHROPIC_API_KEY", "sk-ant-secret"));
        LoadedConfig loaded = configs.load("x.json5", """
                {
                  models: { providers: {
                    local: { baseUrl: "http://${HOST}:8000/v1" },
                    anthropic: {
                      apiKey: "${ANTHROPIC_API_KEY}",
                    },
                  } },
                }
                """);
        ProviderConfig local = loaded.config().models().providers().get("local");
        assertThat(local.baseUrl()).isEqualTo("http://10.0.0.2:8000/v1");
        assertThat(loaded.config().models().providers().get("anthropic").apiKey())
                .isEqualTo(new SecretRef.Env("ANTHROPIC_API_KEY"));
        assertThat(loaded.effective().at("/models/providers/anthropic/apiKey").textValue()).isEqualTo("sk-ant-secret");
        assertThat(loaded.sources().origin("models.providers.anthropic.apiKey"))
                .isEqualTo("${ANTHROPIC_API_KEY} in x.json5:5");
        assertThat(loaded.sources().origin("models.providers.local.baseUrl")).isEqualTo("${HOST} in x.json5:3");
        assertThat(loaded.sources().origin("models.providers.local")).isEqualTo("x.json5:3");
    }

    @Test
    void missingVariableIsAStrictErrorNamingPathPositionAndVariable() {
        ConfigTestSupport configs = new ConfigTestSupport(dir);
        List<ConfigProblem> errors = configs.errors("x.json5", """
                {
                  models: { providers: { openai: { apiKey: "${OPENAI_API_KEY}" } } },
                }
                """, true);
        assertThat(errors).extracting(ConfigProblem::format).containsExactly("x.json5:2:44: "
                + "models.providers.openai.apiKey: environment variable OPENAI_API_KEY is not set (referenced as "
                + "${OPENAI_API_KEY}) (export OPENAI_API_KEY=... or put OPENAI_API_KEY=... in .env or "
                + "~/.clawgate/.env)");
    }

    @Test
    void unresolvedBaseUrlIsNotReportedTwice() {
        ConfigTestSupport configs = new ConfigTestSupport(dir);
        List<ConfigProblem> errors = configs.errors("x.json5", "{ models: { providers: { a: { baseUrl: \"${BASE}/v1\" } } } }",
                true);
        assertThat(errors).singleElement().extracting(ConfigProblem::message).asString()
                .startsWith("environment variable BASE is not set");
    }

    @Test
    void doubleDollarIsALiteral() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("VAR", "value"));
        LoadedConfig loaded = configs.load("x.json5",
                "{ agents: { defaults: { workspace: \"$${VAR}/a and ${VAR}/b\" } } }");
        assertThat(loaded.config().agents().defaults().workspace()).isEqualTo("${VAR}/a and value/b");
    }

    @Test
    void bareDollarAndLowercaseNamesAreNotExpanded() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("LMSTUDIO_API_KEY", "k", "lower", "x"));
        LoadedConfig loaded = configs.load("x.json5", """
                { models: { providers: { lmstudio: { apiKey: "$LMSTUDIO_API_KEY", headers: { a: "${lower}" } } } } }
                """);
        ProviderConfig p = loaded.config().models().providers().get("lmstudio");
        assertThat(p.apiKey()).isEqualTo(new SecretRef.Literal("$LMSTUDIO_API_KEY"));
        assertThat(p.headers()).containsEntry("a", "${lower}");
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::format).containsExactly(
                "x.json5:1:46: models.providers.lmstudio.apiKey: the value is the literal text $LMSTUDIO_API_KEY; "
                        + "only ${LMSTUDIO_API_KEY} is replaced by the environment variable "
                        + "(write \"${LMSTUDIO_API_KEY}\")");
    }

    @Test
    void emptyVariableCountsAsMissing() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("EMPTY", ""));
        assertThat(configs.errors("x.json5", "{ agents: { defaults: { workspace: \"${EMPTY}\" } } }", true))
                .singleElement().extracting(ConfigProblem::message).asString().contains("EMPTY is not set");
    }
}
