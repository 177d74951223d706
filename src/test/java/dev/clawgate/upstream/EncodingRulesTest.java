package dev.clawgate.upstream;

import static dev.clawgate.upstream.UpstreamFixtures.json;
import static dev.clawgate.upstream.UpstreamFixtures.model;
import static dev.clawgate.upstream.UpstreamFixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.anthropic.AnthropicRequestEncoder;
import dev.clawgate.upstream.codec.TextOnlyInput;
import dev.clawgate.upstream.ollama.OllamaRequestEncoder;
import dev.clawgate.upstream.openai.ChatCompletionsRequestEncoder;
import dev.clawgate.upstream.openai.ResponsesRequestEncoder;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the catalog entry and compat flags shape each encoded body. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EncodingRulesTest {

    private static final ChatCompletionsRequestEncoder COMPLETIONS = new ChatCompletionsRequestEncoder();
    private static final ResponsesRequestEncoder RESPONSES = new ResponsesRequestEncoder();
    private static final AnthropicRequestEncoder ANTHROPIC = new AnthropicRequestEncoder();
    private static final OllamaRequestEncoder OLLAMA = new OllamaRequestEncoder();

    private static ModelSpec completionsAt(String baseUrl, boolean reasoning, Integer maxTokens, String compat) {
        return model(provider("p", baseUrl, "openai-completions", "k"), "m", reasoning, maxTokens,
                compat == null ? null : (ObjectNode) json(compat));
    }

    private static ChatRequest withSystem(Integer maxOut, ObjectNode extras) {
        return new ChatRequest("m", "sys", List.of(Message.user("hi")), List.of(), null, maxOut, null, null,
                List.of(), true, null, extras);
    }

    @Test
    void maxTokensFieldAndLimit() {
        ModelSpec local = completionsAt("http://127.0.0.1:8000/v1", false, 2048, null);
        assertThat(COMPLETIONS.encode(withSystem(4096, null), local).get("max_tokens").asInt()).isEqualTo(2048);
        assertThat(COMPLETIONS.encode(withSystem(100, null), local).get("max_tokens").asInt()).isEqualTo(100);
        ModelSpec openAi = completionsAt("https://api.openai.com/v1", false, null, null);
        JsonNode body = COMPLETIONS.encode(withSystem(100, null), openAi);
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("max_tokens")).isFalse();
        ModelSpec forced = completionsAt("http://127.0.0.1:8000/v1", false, null, "{\"maxTokensField\":\"max_completion_tokens\"}");
        assertThat(COMPLETIONS.encode(withSystem(5, null), forced).has("max_completion_tokens")).isTrue();
        ModelSpec unknown = completionsAt("http://127.0.0.1:8000/v1", false, null, null);
        assertThat(COMPLETIONS.encode(withSystem(null, null), unknown).has("max_tokens")).isFalse();
        assertThat(RESPONSES.encode(withSystem(null, null), unknown).has("max_output_tokens")).isFalse();
        assertThat(ANTHROPIC.encode(withSystem(null, null), unknown).get("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void developerRoleOnlyOnOpenAiWithTheFlag() {
        String flag = "{\"supportsDeveloperRole\":true}";
        assertThat(COMPLETIONS.encode(withSystem(null, null), completionsAt("https://api.openai.com/v1", true, null, flag))
                .at("/messages/0/role").asText()).isEqualTo("developer");
        assertThat(COMPLETIONS.encode(withSystem(null, null), completionsAt("http://127.0.0.1:1234/v1", true, null, flag))
                .at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(COMPLETIONS.encode(withSystem(null, null), completionsAt("https://api.openai.com/v1", true, null, null))
                .at("/messages/0/role").asText()).isEqualTo("system");
    }

    @Test
    void streamUsageRequestedForLocalAndKnownHostsOnly() {
        assertThat(COMPLETIONS.encode(withSystem(null, null), completionsAt("http://192.168.1.20:8080/v1", false, null, null))
                .at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(COMPLETIONS.encode(withSystem(null, null), completionsAt("https://llm.example.com/v1", false, null, null))
                .has("stream_options")).isFalse();
        assertThat(COMPLETIONS.encode(withSystem(null, null),
                completionsAt("http://127.0.0.1:8000/v1", false, null, "{\"supportsUsageInStreaming\":false}"))
                .has("stream_options")).isFalse();
        assertThat(COMPLETIONS.encode(withSystem(null, null),
                completionsAt("https://llm.example.com/v1", false, null, "{\"supportsUsageInStreaming\":true}"))
                .has("stream_options")).isTrue();
    }

    @Test
    void imagesAreReplacedForTextOnlyModels() {
        Message withImage = new Message(Message.Role.USER, List.of(new Part.Text("what is this?"),
                new Part.Image("image/png", "iVBORw0KGgo=", null)));
        ChatRequest request = new ChatRequest("m", null, List.of(withImage), List.of(), null, null, null, null,
                List.of(), true, null, null);
        ModelSpec textOnly = completionsAt("http://127.0.0.1:8000/v1", false, null, null);
        assertThat(COMPLETIONS.encode(request, textOnly).at("/messages/0/content").asText())
                .isEqualTo("what is this?" + TextOnlyInput.IMAGE_OMITTED);
        ProviderSpec p = provider("p", "http://127.0.0.1:8000/v1", "openai-completions", null);
        ModelSpec vision = new ModelSpec(p, "v", "v", "openai-completions", false, List.of("text", "image"), null,
                32768, null, null, null, true);
        assertThat(COMPLETIONS.encode(request, vision).at("/messages/0/content")).isEqualTo(json("""
                [{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]"""));
        ModelSpec visionAnthropic = new ModelSpec(provider("a", "https://api.anthropic.com", "anthropic-messages", "k"),
                "c", "c", "anthropic-messages", false, List.of("text", "image"), null, 200000, null, null, null, true);
        assertThat(ANTHROPIC.encode(request, visionAnthropic).at("/messages/0/content/1")).isEqualTo(json("""
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}"""));
        ModelSpec visionOllama = new ModelSpec(provider("o", "http://127.0.0.1:11434", "ollama", null), "llava", "llava",
                "ollama", false, List.of("text", "image"), null, 4096, null, null, null, true);
        assertThat(OLLAMA.encode(request, visionOllama).at("/messages/0")).isEqualTo(json("""
                {"role":"user","content":"what is this?","images":["iVBORw0KGgo="]}"""));
    }

    @Test
    void paramsAndExtrasAreDeepMergedAndClawgateKeysStayHome() {
        ObjectNode params = (ObjectNode) json("""
                {"keepWarm":true,"preload":true,"chat_template_kwargs":{"enable_thinking":false},
                 "extra_body":{"top_k":20,"provider":{"order":["groq"]}},"stream":false,"model":"other"}""");
        ModelSpec m = model(provider("p", "http://127.0.0.1:8000/v1", "openai-completions", null, params), "m", false,
                null, null);
        ObjectNode extras = (ObjectNode) json("""
                {"chat_template_kwargs":{"add_generation_prompt":true},"stream_options":null,"seed":7}""");
        JsonNode body = COMPLETIONS.encode(withSystem(null, extras), m);
        assertThat(body.get("chat_template_kwargs")).isEqualTo(json("{\"enable_thinking\":false,\"add_generation_prompt\":true}"));
        assertThat(body.get("top_k").asInt()).isEqualTo(20);
        assertThat(body.get("provider")).isEqualTo(json("{\"order\":[\"groq\"]}"));
        assertThat(body.get("seed").asInt()).isEqualTo(7);
        assertThat(body.has("stream_options")).as("null removes").isFalse();
        assertThat(body.has("keepWarm") || body.has("preload") || body.has("extra_body")).isFalse();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo("m");
    }

    @Test
    void reasoningEffortOnlyForReasoningModelsInEachApisShape() {
        ObjectNode extras = (ObjectNode) json("{\"reasoning_effort\":\"high\"}");
        ChatRequest request = new ChatRequest("m", null, List.of(Message.user("hi")), List.of(), null, 20000, 0.7, null,
                List.of(), true, null, extras);
        ModelSpec thinker = completionsAt("http://127.0.0.1:8000/v1", true, null, null);
        ModelSpec plain = completionsAt("http://127.0.0.1:8000/v1", false, null, null);
        assertThat(COMPLETIONS.encode(request, thinker).get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(COMPLETIONS.encode(request, plain).has("reasoning_effort")).isFalse();
        assertThat(COMPLETIONS.encode(request, completionsAt("http://127.0.0.1:8000/v1", true, null,
                "{\"supportsReasoningEffort\":false}")).has("reasoning_effort")).isFalse();
        assertThat(RESPONSES.encode(request, thinker).get("reasoning")).isEqualTo(json("{\"effort\":\"high\"}"));
        assertThat(RESPONSES.encode(request, plain).has("reasoning")).isFalse();
        JsonNode anthropic = ANTHROPIC.encode(request, thinker);
        assertThat(anthropic.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":16384}"));
        assertThat(anthropic.has("temperature")).as("Anthropic rejects temperature with thinking").isFalse();
        assertThat(ANTHROPIC.encode(request, plain).has("thinking")).isFalse();
        assertThat(ANTHROPIC.encode(request, plain).get("temperature").asDouble()).isEqualTo(0.7);
        ModelSpec gptOss = new ModelSpec(provider("o", "http://127.0.0.1:11434", "ollama", null), "gpt-oss:20b",
                "gpt-oss", "ollama", true, List.of("text"), null, 8192, null, null, null, true);
        assertThat(OLLAMA.encode(request, gptOss).get("think").asText()).isEqualTo("high");
        ModelSpec plainOllama = new ModelSpec(provider("o", "http://127.0.0.1:11434", "ollama", null), "llama3.2",
                "llama3.2", "ollama", false, List.of("text"), null, 8192, null, null, null, true);
        assertThat(OLLAMA.encode(request, plainOllama).has("think")).isFalse();
        assertThat(OLLAMA.encode(request, plainOllama).has("reasoning_effort")).isFalse();
    }

    @Test
    void responsesSystemAsMessageWithoutInstructionsAndOpenAiStatelessReasoning() {
        ModelSpec noInstructions = model(provider("p", "http://127.0.0.1:8000/v1", "openai-responses", null), "m", false,
                null, (ObjectNode) json("{\"supportsInstructions\":false}"));
        JsonNode body = RESPONSES.encode(withSystem(null, null), noInstructions);
        assertThat(body.has("instructions")).isFalse();
        assertThat(body.at("/input/0")).isEqualTo(json("{\"type\":\"message\",\"role\":\"system\",\"content\":\"sys\"}"));

        ModelSpec openAi = model(provider("openai", "https://api.openai.com/v1", "openai-responses", "k"), "gpt-5", true,
                null, null);
        String replay = "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"gAAA\"}";
        ChatRequest history = new ChatRequest("m", null, List.of(Message.user("a"),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("t", replay, false), new Part.Text("b"))),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("no signature", null, false), new Part.Text("c"))),
                Message.user("d")), List.of(), null, null, null, null, List.of(), true, null, null);
        JsonNode encoded = RESPONSES.encode(history, openAi);
        assertThat(encoded.get("input")).isEqualTo(json("""
                [{"type":"message","role":"user","content":"a"},
                 {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAA"},
                 {"type":"message","role":"assistant","content":"b"},
                 {"type":"message","role":"assistant","content":"c"},
                 {"type":"message","role":"user","content":"d"}]"""));
        assertThat(encoded.get("store").asBoolean()).isFalse();
        assertThat(encoded.get("include")).isEqualTo(json("[\"reasoning.encrypted_content\"]"));
        assertThat(encoded.get("reasoning")).isEqualTo(json("{\"summary\":\"auto\"}"));
    }

    @Test
    void anthropicAuthHeaderTurnsAndSignatures() {
        ProviderSpec proxy = new ProviderSpec("proxy", "https://proxy.example.com/v1", "anthropic-messages", "tok",
                "config", Map.of("anthropic-beta", "x"), true, Duration.ofSeconds(5), null, false, true);
        assertThat(dev.clawgate.upstream.anthropic.AnthropicHeadersAccess.headers(proxy))
                .containsEntry("Authorization", "Bearer tok").containsEntry("anthropic-beta", "x")
                .doesNotContainKey("x-api-key");
        assertThat(dev.clawgate.upstream.anthropic.AnthropicHeadersAccess.uri(proxy).toString())
                .isEqualTo("https://proxy.example.com/v1/messages");

        ChatRequest history = new ChatRequest("m", null, List.of(
                new Message(Message.Role.ASSISTANT, List.of(
                        new Part.Reasoning("unsigned", null, false),
                        new Part.Reasoning("", "{\"type\":\"reasoning\"}", false),
                        new Part.Reasoning(null, "REDACTED==", true),
                        new Part.ToolCall("t1", "f", "{}"))),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("t1", "f", "boom", true))),
                Message.user("and now?")), List.of(), ToolChoice.REQUIRED, null, null, null, List.of(), true, null, null);
        JsonNode body = ANTHROPIC.encode(history, UpstreamFixtures.anthropic());
        assertThat(body.get("messages")).isEqualTo(json("""
                [{"role":"assistant","content":[{"type":"redacted_thinking","data":"REDACTED=="},
                                                {"type":"tool_use","id":"t1","name":"f","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"boom","is_error":true}]},
                 {"role":"user","content":[{"type":"text","text":"and now?"}]}]"""));
        assertThat(body.has("tool_choice")).as("no tools offered, no tool_choice").isFalse();
    }

    @Test
    void ollamaContextWindowNeverAHugeDefault() {
        ProviderSpec p = provider("o", "http://127.0.0.1:11434", "ollama", null);
        ModelSpec unknownWindow = new ModelSpec(p, "m", "m", "ollama", false, List.of("text"), null,
                ModelSpec.DEFAULT_CONTEXT_WINDOW, null, null, null, true);
        assertThat(OLLAMA.encode(withSystem(null, null), unknownWindow).at("/options/num_ctx").asInt()).isEqualTo(8192);
        ModelSpec capped = new ModelSpec(p, "m", "m", "ollama", false, List.of("text"), null, 262_144, 32_768, null, null, true);
        assertThat(OLLAMA.encode(withSystem(null, null), capped).at("/options/num_ctx").asInt()).isEqualTo(32_768);
        ProviderSpec withParam = provider("o", "http://127.0.0.1:11434", "ollama", null, (ObjectNode) json("{\"num_ctx\":12288}"));
        ModelSpec paramWins = new ModelSpec(withParam, "m", "m", "ollama", false, List.of("text"), null, 262_144, null,
                null, null, true);
        JsonNode body = OLLAMA.encode(withSystem(null, null), paramWins);
        assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(12288);
        assertThat(body.has("num_ctx")).isFalse();
    }

    @Test
    void completionsCompatForToolsAndResults() {
        ChatRequest request = new ChatRequest("m", null, List.of(
                new Message(Message.Role.USER, List.of(new Part.ToolResult("c1", "f", "r", false), new Part.Text("next"))),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("why", null, false), new Part.Text("ok")))),
                List.of(UpstreamFixtures.weatherTool()), ToolChoice.named("get_weather"), null, null, null, List.of(), true,
                null, null);
        JsonNode named = COMPLETIONS.encode(request, completionsAt("http://127.0.0.1:8000/v1", true, null,
                "{\"requiresToolResultName\":true}"));
        assertThat(named.get("messages")).isEqualTo(json("""
                [{"role":"tool","tool_call_id":"c1","name":"f","content":"r"},
                 {"role":"user","content":"next"},
                 {"role":"assistant","content":"ok"}]"""));
        assertThat(named.get("tool_choice")).isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
        JsonNode noTools = COMPLETIONS.encode(request, completionsAt("http://127.0.0.1:8000/v1", true, null,
                "{\"supportsTools\":false}"));
        assertThat(noTools.has("tools") || noTools.has("tool_choice")).isFalse();
    }

    /** Cache breakpoints reach OpenRouter as cache_control on text parts; other servers get plain strings. */
    @Test
    void chatCompletionsCacheBreakpointsOnlyForOpenRouter() {
        var marker = (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"type\":\"ephemeral\"}");
        ChatRequest request = new ChatRequest("m", null, List.of(new Message(Message.Role.USER,
                List.of(new Part.Text("hi", marker)))), List.of(), null, null, null, null, List.of(), true, null, null,
                List.of(new Part.Text("one", marker), new Part.Text("two")), null, null);
        JsonNode viaOpenRouter = COMPLETIONS.encode(request,
                UpstreamFixtures.at(UpstreamFixtures.vllmCompletions(), "https://openrouter.ai/api/v1", "k"));
        assertThat(viaOpenRouter.get("messages")).isEqualTo(json("""
                [{"role":"system","content":[{"type":"text","text":"one","cache_control":{"type":"ephemeral"}},
                                             {"type":"text","text":"two"}]},
                 {"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]"""));
        JsonNode local = COMPLETIONS.encode(request, UpstreamFixtures.vllmCompletions());
        assertThat(local.get("messages")).isEqualTo(json("""
                [{"role":"system","content":"one\\n\\ntwo"},{"role":"user","content":"hi"}]"""));
    }
}
