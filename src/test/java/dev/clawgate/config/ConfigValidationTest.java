package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidationTest {

    @TempDir
    Path dir;

    private ConfigTestSupport configs;

    @BeforeEach
    void setUp() {
        configs = new ConfigTestSupport(dir);
    }

    @Test
    void misspeltKeyIsAnErrorWithSuggestionAndPosition() {
        List<String> errors = configs.errorLines("c.json5", """
                {
                  agents: {
                    defaults: {
                      model: { primay: "lmstudio/minimax-m2.1-gs32" },
                    },
                  },
                }
                """);
        assertThat(errors).containsExactly("c.json5:4:16: agents.defaults.model.primay: unknown key 'primay'"
                + " (did you mean 'primary'?)");
    }

    @Test
    void wrongTypeIsAnError() {
        List<ConfigProblem> errors = configs.errors("c.json5", """
                { models: { providers: { local: {
                    baseUrl: "http://127.0.0.1:8000/v1",
                    models: [{ id: "m", contextWindow: "big" }],
                } } } }
                """);
        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.format()).isEqualTo("c.json5:3:40: models.providers.local.models[0].contextWindow: "
                    + "expected a positive integer, found the string \"big\"");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.path()).isEqualTo("models.providers.local.models[0].contextWindow");
        });
    }

    @Test
    void negativeAndZeroLimitsAreErrors() {
        List<String> errors = configs.errorLines("c.json5", """
                {
                  models: { providers: { local: {
                    timeoutSeconds: 0,
                    models: [{ id: "m", contextWindow: -5, maxTokens: 1.5 }],
                  } } },
                  gateway: { port: 70000 },
                }
                """);
        assertThat(errors).containsExactly(
                "c.json5:3:21: models.providers.local.timeoutSeconds: expected a positive integer, found the number 0",
                "c.json5:4:40: models.providers.local.models[0].contextWindow: expected a positive integer, found "
                        + "the number -5",
                "c.json5:4:55: models.providers.local.models[0].maxTokens: expected a positive integer, found the "
                        + "number 1.5",
                "c.json5:6:20: gateway.port: expected a port number from 1 to 65535, found the number 70000");
    }

    @Test
    void unknownApiSuggestsTheClosestOne() {
        List<String> errors = configs.errorLines("c.json5", """
                { models: { providers: { local: { baseUrl: "http://x:1/v1", api: "openai-chat" } } } }
                """);
        assertThat(errors).containsExactly("c.json5:1:66: models.providers.local.api: unknown value 'openai-chat',"
                + " expected one of openai-completions, openai-responses, anthropic-messages, ollama, google-generative-ai"
                + " (did you mean 'openai-completions'?)");
    }

    @Test
    void apiOpenClawKnowsButClawgateDoesNotLoadsWithAWarningAndIsKept() {
        LoadedConfig loaded = configs.load("c.json5", """
                { models: { providers: { g: { baseUrl: "https://x.dev", api: "bedrock-converse-stream",
                  models: [{ id: "m" }] } } } }
                """);
        assertThat(loaded.config().models().providers().get("g").api()).isEqualTo("bedrock-converse-stream");
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::format).contains("c.json5:1:62: "
                + "models.providers.g.api: OpenClaw value 'bedrock-converse-stream' is not supported by Clawgate: "
                + "Clawgate has no adapter for it, so the router skips these models");
    }

    @Test
    void badBaseUrls() {
        List<String> errors = configs.errorLines("c.json5", """
                { models: { providers: {
                    a: { baseUrl: "127.0.0.1:1234/v1" },
                    b: { baseUrl: "ftp://host/v1" },
                    c: { baseUrl: "http://user:pw@/v1" },
                    d: { baseUrl: "https://api.example.com/v1" },
                } } }
                """);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).startsWith("c.json5:2:19: models.providers.a.baseUrl: baseUrl must be an "
                + "absolute http:// or https:// URL").endsWith("(did you mean 'http://127.0.0.1:1234/v1'?)");
        assertThat(errors.get(1)).contains("models.providers.b.baseUrl", "scheme 'ftp'");
        assertThat(errors.get(2)).contains("models.providers.c.baseUrl").doesNotContain("pw");
    }

    @Test
    void twoBadProvidersAreBothReportedAndGoodOnesAreNotDropped() {
        List<ConfigProblem> errors = configs.errors("c.json5", """
                { models: { providers: {
                    first: { baseUrl: "http://127.0.0.1:1/v1", models: [{ id: "x", contextWindow: 0 }] },
                    good: { baseUrl: "http://127.0.0.1:2/v1", models: [{ id: "y" }] },
                    second: { baseUrl: "http://127.0.0.1:3/v1", api: "openai-respones" },
                } } }
                """);
        assertThat(errors).extracting(ConfigProblem::path).containsExactly(
                "models.providers.first.models[0].contextWindow", "models.providers.second.api");
        assertThat(errors.get(1).hint()).isEqualTo("did you mean 'openai-responses'?");
    }

    @Test
    void manyProblemsAreCollectedInFileOrder() {
        List<ConfigProblem> errors = configs.errors("c.json5", """
                {
                  gateway: { bind: "lan", prot: 1 },
                  agents: { list: [{ id: "a", reasoning: "yes" }, { id: "a", tools: { profile: "ful" } }] },
                  modles: {},
                }
                """);
        assertThat(errors).extracting(p -> p.line() + ":" + p.path()).containsExactly(
                "2:gateway.prot", "3:agents.list[0].reasoning", "3:agents.list[1].id",
                "3:agents.list[1].tools.profile", "4:modles");
        assertThat(errors.get(0).hint()).isEqualTo("did you mean 'port'?");
        assertThat(errors.get(3).hint()).isEqualTo("did you mean 'full'?");
        assertThat(errors.get(4).hint()).isEqualTo("did you mean 'models'?");
    }

    @Test
    void openClawOnlyKeysLoadWithWarnings() {
        LoadedConfig loaded = configs.load("openclaw.json", """
                {
                  channels: { whatsapp: { allowFrom: ["+1555"] } },
                  agents: { defaults: { model: "lmstudio/m", heartbeat: { every: "30m" } } },
                  gateway: { mode: "local", port: 18800 },
                  models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1",
                    injectNumCtxForOpenAICompat: true, models: [] } } },
                }
                """);
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::format).containsExactly(
                // a WhatsApp Web section (no cloudApi) loads, and the warning names the Cloud API keys to add
                "openclaw.json:2:25: channels.whatsapp: this WhatsApp section is for WhatsApp Web; Clawgate talks to "
                        + "the official WhatsApp Business Cloud API instead, so the channel stays off (add cloudApi: "
                        + "{ phoneNumberId, accessToken, appSecret, verifyToken } from your Meta app's WhatsApp > API "
                        + "Setup page)",
                "openclaw.json:3:46: agents.defaults.heartbeat: OpenClaw key 'heartbeat' is not implemented by "
                        + "Clawgate and is ignored",
                "openclaw.json:4:14: gateway.mode: OpenClaw key 'mode' is not implemented by Clawgate and is ignored",
                "openclaw.json:6:5: models.providers.lmstudio.injectNumCtxForOpenAICompat: OpenClaw key "
                        + "'injectNumCtxForOpenAICompat' is not implemented by Clawgate and is ignored");
        assertThat(loaded.config().warnings()).allMatch(w -> w.severity() == ConfigProblem.Severity.WARNING);
        assertThat(loaded.config().gateway().port()).isEqualTo(18800);
        assertThat(loaded.config().agents().defaults().model()).isEqualTo(new AgentsConfig.ModelChain("lmstudio/m", null));
    }

    @Test
    void allFieldsBind() {
        LoadedConfig loaded = configs.load("c.json5", """
                {
                  models: { mode: "replace", providers: { ollama: {
                    baseUrl: "http://127.0.0.1:11434", api: "ollama", apiKey: { source: "env", id: "OLLAMA_KEY" },
                    headers: { "X-Trace": "1" }, authHeader: true, timeoutSeconds: 300, params: { keep_alive: "5m" },
                    contextWindow: 32768, contextTokens: 16000, maxTokens: 4096,
                    models: [{ id: "qwen3", name: "Qwen 3", api: "ollama", reasoning: true, input: ["text", "image"],
                      cost: { input: 1, output: 2.5 }, contextWindow: 40960, contextTokens: 20000, maxTokens: 2048,
                      compat: { supportsTools: true }, headers: { "X-Model": "q" } }],
                  } } },
                  agents: {
                    defaults: { model: { primary: "ollama/qwen3", fallbacks: [] },
                      models: { "ollama/qwen3": { alias: "Qwen", params: { temperature: 0.2 } } },
                      contextTokens: 30000, timeoutSeconds: 600, workspace: "~/work",
                      compaction: { mode: "safeguard", model: "ollama/qwen3", reserveTokens: 16384, keepRecentTokens: 0 },
                      privacy: "local-only", params: { temperature: 0.7 } },
                    list: [{ id: "main", default: true, model: "ollama/qwen3", workspace: "/w", privacy: "local-only",
                      reasoning: "stream", tools: { profile: "messaging", allow: ["read"], deny: ["exec"] } }],
                  },
                  gateway: { port: 8080, bind: "custom", customBindHost: "10.0.0.5",
                    auth: { mode: "token", token: { source: "file", id: "~/.clawgate/token" } },
                    http: { endpoints: { chatCompletions: { enabled: true }, responses: { enabled: false } } } },
                }
                """);
        ClawgateConfig c = loaded.config();
        assertThat(c.warnings()).isEmpty();
        assertThat(c.models().mode()).isEqualTo(ModelsConfig.Mode.REPLACE);
        ProviderConfig p = c.models().providers().get("ollama");
        assertThat(p.apiKey()).isEqualTo(new SecretRef.Env("OLLAMA_KEY"));
        assertThat(p.headers()).containsEntry("X-Trace", "1");
        assertThat(p.authHeader()).isTrue();
        assertThat(p.timeoutSeconds()).isEqualTo(300);
        assertThat(p.params().get("keep_alive").textValue()).isEqualTo("5m");
        assertThat(List.of(p.contextWindow(), p.contextTokens(), p.maxTokens())).containsExactly(32768, 16000, 4096);
        ModelConfig m = p.models().get(0);
        assertThat(m).isEqualTo(new ModelConfig("qwen3", "Qwen 3", "ollama", true, List.of("text", "image"),
                new ModelConfig.CostConfig(1.0, 2.5, null, null), 40960, 20000, 2048, m.compat(),
                java.util.Map.of("X-Model", "q")));
        assertThat(m.compat().get("supportsTools").booleanValue()).isTrue();
        AgentsConfig.Defaults d = c.agents().defaults();
        assertThat(d.model()).isEqualTo(new AgentsConfig.ModelChain("ollama/qwen3", List.of()));
        assertThat(d.models().get("ollama/qwen3").alias()).isEqualTo("Qwen");
        assertThat(d.compaction()).isEqualTo(new AgentsConfig.Compaction("safeguard", "ollama/qwen3", 16384, 0));
        assertThat(List.of(d.contextTokens(), d.timeoutSeconds())).containsExactly(30000, 600);
        assertThat(d.privacy()).isEqualTo(PrivacyConfig.LOCAL_ONLY_POLICY);
        assertThat(c.agents().list()).singleElement().isEqualTo(new AgentsConfig.Agent("main", true,
                new AgentsConfig.ModelChain("ollama/qwen3", null), "/w",
                new AgentsConfig.Tools("messaging", List.of("read"), List.of("exec")), PrivacyConfig.LOCAL_ONLY_POLICY, "stream"));
        GatewayConfig g = c.gateway();
        assertThat(g.port()).isEqualTo(8080);
        assertThat(g.bind()).isEqualTo("custom");
        assertThat(g.customBindHost()).isEqualTo("10.0.0.5");
        assertThat(g.auth()).isEqualTo(new GatewayConfig.Auth("token", new SecretRef.File("~/.clawgate/token")));
        assertThat(g.endpoints()).containsEntry("chatCompletions", true).containsEntry("responses", false);
    }

    @Test
    void absentFieldsStayNull() {
        ClawgateConfig c = configs.load("c.json5", "{ models: { providers: { x: { models: [{ id: \"m\" }] } } } }")
                .config();
        ProviderConfig p = c.models().providers().get("x");
        assertThat(p.baseUrl()).isNull();
        assertThat(p.api()).isNull();
        assertThat(p.apiKey()).isNull();
        assertThat(p.models().get(0).contextWindow()).isNull();
        assertThat(c.gateway()).isEqualTo(GatewayConfig.DEFAULT);
        assertThat(c.agents()).isEqualTo(AgentsConfig.EMPTY);
    }

    @Test
    void secretRefProblems() {
        List<String> errors = configs.errorLines("c.json5", """
                { models: { providers: {
                    a: { apiKey: { source: "exec", id: "x" } },
                    b: { apiKey: { source: "env", id: "lower" } },
                    c: { apiKey: { sourse: "env", id: "X" } },
                    d: { apiKey: 42 },
                } } }
                """);
        // source "exec" is OpenClaw's and only a warning: the key stays unset
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).contains("'lower' is not an environment variable name");
        // the object's position (4:18) sorts before its misspelt key's (4:20)
        assertThat(errors.get(1)).contains("c.json5:4:18: models.providers.c.apiKey: missing required key 'source'");
        assertThat(errors.get(2)).contains("c.json5:4:20: models.providers.c.apiKey.sourse: unknown key 'sourse'",
                "did you mean 'source'?");
        assertThat(errors.get(3)).contains("models.providers.d.apiKey: expected a string or {source")
                .doesNotContain("42");
    }

    @Test
    void headerSecretsAreNotEchoedInTypeErrors() {
        List<String> errors = configs.errorLines("c.json5", """
                { models: { providers: { a: { headers: { "x-api-key": 123456789 } } } } }
                """);
        assertThat(errors).singleElement().asString()
                .contains("models.providers.a.headers[\"x-api-key\"]: expected a string, found a number")
                .doesNotContain("123456789");
    }

    @Test
    void agentListRules() {
        List<String> errors = configs.errorLines("c.json5", """
                { agents: { list: [
                    { default: true },
                    { id: "two", default: true },
                    { id: "three", default: true, model: { primary: "", fallbacks: [1] } },
                ] } }
                """);
        assertThat(errors).anyMatch(e -> e.contains("agents.list[0]: missing required key 'id'"))
                .anyMatch(e -> e.contains("agents.list[2].default: more than one agent is marked default"))
                .anyMatch(e -> e.contains("agents.list[2].model.primary: must not be empty"))
                .anyMatch(e -> e.contains("agents.list[2].model.fallbacks[0]: expected a string, found the number 1"));
    }

    @Test
    void rootMustBeAnObject() {
        assertThat(configs.errorLines("c.json5", "[1, 2]"))
                .containsExactly("c.json5:1:1: expected an object, found a list");
    }

    @Test
    void malformedJson5ReportsLineAndColumn() {
        List<String> errors = configs.errorLines("broken.json5", """
                {
                  models: {
                    mode: "merge"
                    providers: {},
                  },
                }
                """);
        assertThat(errors).containsExactly(
                "broken.json5:4:5: unexpected 'p', expected ',' or '}' (line 4: providers: {},)");
    }

    @Test
    void duplicateKeyIsAWarning() {
        LoadedConfig loaded = configs.load("c.json5", "{ gateway: { port: 1 }, gateway: { port: 2 } }");
        assertThat(loaded.config().gateway().port()).isEqualTo(2);
        assertThat(loaded.config().warnings()).extracting(ConfigProblem::format).containsExactly(
                "c.json5:1:25: gateway: this key is written twice in the same object; the later value is used");
    }

    @Test
    void customBindNeedsAHost() {
        assertThat(configs.errorLines("c.json5", "{ gateway: { bind: \"custom\" } }")).singleElement().asString()
                .contains("gateway.bind: bind \"custom\" needs customBindHost");
        LoadedConfig tailnet = configs.load("c.json5", "{ gateway: { bind: \"tailnet\" } }");
        assertThat(tailnet.config().gateway().bind()).isEqualTo("tailnet");
        assertThat(tailnet.config().warnings()).extracting(ConfigProblem::format).singleElement().asString()
                .contains("gateway.bind: OpenClaw value 'tailnet' is not supported by Clawgate: the gateway will "
                        + "refuse to start with it");
    }

    @Test
    void gatewayLimitsBindAndAreChecked() {
        LoadedConfig loaded = configs.load("c.json5",
                "{ gateway: { limits: { maxConcurrentCalls: 2000, requestReceiveTimeoutSeconds: 5 } } }");
        assertThat(loaded.config().gateway().limits().maxConcurrentCalls()).isEqualTo(2000);
        assertThat(loaded.config().gateway().limits().maxRequestBytes()).isNull();
        assertThat(configs.errorLines("c.json5", "{ gateway: { limits: { maxConcurentCalls: 5, maxHeaderBytes: 10 } } }"))
                .anySatisfy(l -> assertThat(l).contains("unknown key 'maxConcurentCalls' (did you mean 'maxConcurrentCalls'?)"))
                .anySatisfy(l -> assertThat(l).contains("gateway.limits.maxHeaderBytes"));
    }

    @Test
    void gatewayReasoningAndCorsBindAndAreChecked() {
        LoadedConfig loaded = configs.load("c.json5", """
                { gateway: { reasoning: "drop", http: { cors: { allowedOrigins: ["https://app.example.com"] } } } }""");
        assertThat(loaded.config().gateway().api().reasoning()).isEqualTo("drop");
        assertThat(loaded.config().gateway().api().corsAllowedOrigins()).containsExactly("https://app.example.com");
        assertThat(configs.load("d.json5", "{ gateway: { port: 1234 } }").config().gateway().api())
                .isEqualTo(GatewayConfig.Api.DEFAULT);
        assertThat(configs.errorLines("c.json5", "{ gateway: { reasoning: \"hide\", http: { cors: { origins: [] } } } }"))
                .anySatisfy(l -> assertThat(l).contains("gateway.reasoning").contains("separate"))
                .anySatisfy(l -> assertThat(l).contains("unknown key 'origins'"));
    }
}
