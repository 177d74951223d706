package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.catalog.CatalogIssue;
import dev.clawgate.catalog.CatalogValidator;
import dev.clawgate.catalog.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict where Clawgate acts, tolerant where it does not: OpenClaw's keys, values and unset variables. */
class OpenClawToleranceTest {

    @TempDir
    Path dir;

    private ConfigTestSupport configs;

    @BeforeEach
    void setUp() {
        configs = new ConfigTestSupport(dir, Map.of());
    }

    @Test
    void keysOfOpenClawsSchemaWarnOncePerKeyAndMisspeltOnesAreErrors() {
        LoadedConfig loaded = configs.load("c.json5", """
                { tts: { auto: "always" }, accessGroups: {},
                  agents: { list: [{ id: "a", identity: { name: "A" } }, { id: "b", identity: { name: "B" } }] } }
                """);
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::format).containsExactly(
                "c.json5:1:3: tts: OpenClaw key 'tts' is not implemented by Clawgate and is ignored",
                "c.json5:1:28: accessGroups: OpenClaw key 'accessGroups' is not implemented by Clawgate and is ignored",
                "c.json5:2:31: agents.list[0].identity: OpenClaw key 'identity' is not implemented by Clawgate and is"
                        + " ignored (here and in 1 more place)");
        assertThat(configs.errorLines("c.json5", "{ gateway: { auth: { trustedProxxy: {} } } }")).singleElement()
                .asString().contains("unknown key 'trustedProxxy'").contains("did you mean 'trustedProxy'?");
    }

    @Test
    void anUnsetVariableWarnsAndMakesItsProviderUnusableExceptWhereNeededNow() {
        String text = """
                { models: { providers: { far: { baseUrl: "https://far.example/v1", apiKey: "${FAR_KEY}",
                    models: [{ id: "m", name: "M" }] } } },
                  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } },
                            list: [{ id: "x", model: "far/m" }] } }
                """;
        LoadedConfig loaded = configs.load("c.json5", text);
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("environment variable FAR_KEY is not set (referenced as ${FAR_KEY}); provider 'far' is"
                        + " unusable until it is set"));
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());
        assertThat(catalog.resolve("far/m").unusableReason())
                .isEqualTo("environment variable FAR_KEY is not set (used in models.providers.far)");
        assertThat(CatalogValidator.check(loaded.config(), catalog)).noneMatch(i -> i.isError());

        // the same provider in the default chain is needed now
        LoadedConfig inChain = configs.load("d.json5", text.replace("anthropic/claude-opus-4-6", "far/m"));
        ModelCatalog chainCatalog = ModelCatalog.build(inChain.config(), configs.env());
        assertThat(CatalogValidator.check(inChain.config(), chainCatalog)).filteredOn(i -> i.isError())
                .singleElement().satisfies(i -> assertThat(i.message()).contains("far/m is in the default chain but cannot be called"));

        // the gateway's own token, and --strict, make it an error
        assertThat(configs.errorLines("e.json5", "{ gateway: { auth: { mode: \"token\", token: \"${GW_TOKEN}\" } } }"))
                .singleElement().asString().contains("environment variable GW_TOKEN is not set");
        Path strictFile = dir.resolve("s.json5");
        writeQuietly(strictFile, text);
        ConfigLoader strict = new ConfigLoader(configs.env(), ValidationMode.STRICT);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> strict.load(strict.locate(strictFile)));
        assertThat(e.problems()).extracting(ConfigProblem::message)
                .containsExactly("environment variable FAR_KEY is not set (referenced as ${FAR_KEY})");
    }

    @Test
    void providersOpenClawShipsAreBuiltInAndThoseClawgateCannotCallAreSkippedWithTheReason() {
        LoadedConfig loaded = configs.load("c.json5", """
                { agents: { defaults: { model: { primary: "huggingface/deepseek-ai/DeepSeek-R1",
                    fallbacks: ["amazon-bedrock/us.anthropic.claude-opus-4-6-v1", "zai/glm-5"] } } } }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());
        assertThat(catalog.resolve("huggingface/deepseek-ai/DeepSeek-R1").provider().baseUrl())
                .isEqualTo("https://router.huggingface.co/v1");
        assertThat(catalog.resolve("zai/glm-5").unusableReason()).isNull();
        assertThat(catalog.resolve("amazon-bedrock/us.anthropic.claude-opus-4-6-v1").unusableReason())
                .contains("SigV4");
        assertThat(CatalogValidator.check(loaded.config(), catalog)).noneMatch(i -> i.isError());
    }

    @Test
    void anAgentIdThatDoesNotExistIsAnError() {
        List<String> errors = configs.errorLines("c.json5", """
                { agents: { list: [{ id: "ops" }] },
                  bindings: [{ agentId: "ops", match: { channel: "telegram" } },
                             { agentId: "opz", match: { channel: "telegram" } },
                             { agentId: "main", match: { channel: "slack" } }],
                  broadcast: { "group@g.us": ["ops", "alfred"] } }
                """);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).contains("bindings[1].agentId: unknown agent id 'opz'", "did you mean 'ops'?");
        assertThat(errors.get(1)).contains("broadcast[\"group@g.us\"][1]: unknown agent id 'alfred'");
    }

    @Test
    void aCustomProviderWithoutModelsIsAnError() {
        LoadedConfig loaded = configs.load("c.json5", "{ models: { providers: { box: { baseUrl: \"http://box:1/v1\" } } } }");
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());
        assertThat(CatalogValidator.check(loaded.config(), catalog)).filteredOn(i -> i.isError()).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("provider \"box\" is not built in, so it must declare"));
    }

    @Test
    void providersFollowOpenClawsRuleForModels() {
        // as OpenClaw: a provider it bundles may overlay without models; any other needs a models list, even []
        LoadedConfig loaded = configs.load("c.json5", """
                { models: { providers: {
                    ds4: { baseUrl: "http://127.0.0.1:18000/v1", apiKey: "ds4-local", api: "openai-completions",
                           models: [] },
                    clawrouter: { baseUrl: "https://clawrouter.internal.example" },
                    codex: { api: "openai-responses" } } } }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());
        List<CatalogIssue> issues = CatalogValidator.check(loaded.config(), catalog, ValidationMode.VALIDATE,
                loaded.sources());
        assertThat(issues).noneMatch(CatalogIssue::isError);
        assertThat(issues).filteredOn(i -> i.path().equals("models.providers.codex.baseUrl")).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("built into OpenClaw but not into Clawgate"));
    }

    @Test
    void aFallbackOrAllowlistEntryOfAnUnknownProviderIsSkippedButATypoIsAnError() {
        LoadedConfig loaded = configs.load("c.json5", """
                { agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["acme-cli/large"] },
                    models: { "local/my-local-model": {} } } } }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());
        assertThat(CatalogValidator.check(loaded.config(), catalog)).noneMatch(CatalogIssue::isError)
                .anySatisfy(i -> assertThat(i.message()).contains("unknown provider \"acme-cli\"", "skips this fallback"));
        assertThat(catalog.defaultChain()).extracting(m -> m.ref()).containsExactly("anthropic/claude-opus-4-6");

        LoadedConfig typo = configs.load("d.json5", """
                { agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["anthropc/x"] } } } }
                """);
        assertThat(CatalogValidator.check(typo.config(), ModelCatalog.build(typo.config(), configs.env())))
                .filteredOn(CatalogIssue::isError).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("unknown provider \"anthropc\""));
    }

    @Test
    void aDocumentationPlaceholderInABaseUrlWarns() {
        LoadedConfig loaded = configs.load("c.json5", """
                { models: { providers: { openai: { baseUrl: "https://<your-resource>.openai.azure.com",
                    apiKey: "k" } } } }
                """);
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("baseUrl holds the placeholder '<your-resource>'; calls to this provider fail until it is"
                        + " replaced with a real value"));
        assertThat(configs.errorLines("d.json5", "{ models: { providers: { x: { baseUrl: \"ftp://h/v1\", models: [] } } } }"))
                .singleElement().asString().contains("scheme 'ftp'");
    }

    @Test
    void providersOpenClawShipsAsPluginsAreBuiltIn() {
        LoadedConfig loaded = configs.load("c.json5", """
                { agents: { defaults: { model: { primary: "volcengine-plan/ark-code-latest",
                    fallbacks: ["byteplus-plan/ark-code-latest", "arcee/trinity-large-thinking", "llmman/qwen3.8"] } } } }
                """);
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), configs.env());
        assertThat(catalog.resolve("volcengine-plan/ark-code-latest").provider().baseUrl())
                .isEqualTo("https://ark.cn-beijing.volces.com/api/coding/v3");
        assertThat(catalog.resolve("arcee/trinity-large-thinking").provider().baseUrl())
                .isEqualTo("https://api.arcee.ai/api/v1");
        assertThat(catalog.resolve("llmman/qwen3.8").provider().isLocal()).isTrue();
        assertThat(CatalogValidator.check(loaded.config(), catalog)).noneMatch(CatalogIssue::isError);
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
