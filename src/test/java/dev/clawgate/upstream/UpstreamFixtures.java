package dev.clawgate.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.NdjsonDecoder;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.codec.WholeResponseDecoder;
import dev.clawgate.upstream.transport.NdjsonReader;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.upstream.transport.SseReader;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.ToolChoice;
import dev.clawgate.wire.ToolSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The canonical conversation, catalog entries for each kind of upstream, and replay helpers. */
public final class UpstreamFixtures {

    private UpstreamFixtures() {}

    public static final String SYSTEM = "You are a weather assistant.";
    public static final String REASONING = "The user wants the weather; call get_weather.";
    public static final String ARGS = "{\"city\":\"Paris\"}";
    public static final String RESULT = "{\"temp_c\":18,\"sky\":\"clear\"}";
    public static final String ANSWER = "It is 18 °C and clear in Paris.";

    public static ToolSpec weatherTool() {
        return new ToolSpec("get_weather", "Current weather for a city", json("""
                {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
    }

    /** System, user, assistant reasoning + tool call, the tool's result, the final answer, a follow-up. */
    public static ChatRequest conversation() {
        List<Message> messages = List.of(
                Message.user("What's the weather in Paris?"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new Part.Reasoning(REASONING, "sig-abc", false),
                        new Part.ToolCall("call_1", "get_weather", ARGS))),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_1", "get_weather", RESULT, false))),
                Message.assistant(ANSWER),
                Message.user("Thanks! And tomorrow?"));
        return new ChatRequest("weather", SYSTEM, messages, List.of(weatherTool()), ToolChoice.AUTO, 1024, 0.2,
                null, List.of(), true, null, null);
    }

    public static ProviderSpec provider(String id, String baseUrl, String api, String apiKey) {
        return provider(id, baseUrl, api, apiKey, Json.object());
    }

    public static ProviderSpec provider(String id, String baseUrl, String api, String apiKey, ObjectNode params) {
        return new ProviderSpec(id, baseUrl, api, apiKey, apiKey == null ? null : "config", Map.of(), false,
                Duration.ofSeconds(30), params, false, true);
    }

    public static ModelSpec model(ProviderSpec provider, String id, boolean reasoning, Integer maxTokens,
            ObjectNode compat) {
        return new ModelSpec(provider, id, id, provider.api(), reasoning, List.of("text"), null, 32_768, null,
                maxTokens, compat, true);
    }

    /** LM Studio serving gpt-oss on the Responses API. */
    public static ModelSpec lmStudioResponses() {
        return model(provider("lmstudio", "http://127.0.0.1:1234/v1", "openai-responses", null),
                "openai/gpt-oss-20b", true, 8192, null);
    }

    /** vLLM serving Qwen3 with a reasoning parser, DeepSeek-style reasoning replay switched on. */
    public static ModelSpec vllmCompletions() {
        return model(provider("vllm", "http://127.0.0.1:8000/v1", "openai-completions", null),
                "Qwen/Qwen3-8B", true, 4096, (ObjectNode) json("{\"requiresReasoningContentOnAssistantMessages\":true}"));
    }

    public static ModelSpec anthropic() {
        return model(provider("anthropic", "https://api.anthropic.com", "anthropic-messages", "sk-ant-test"),
                "claude-sonnet-4-5", true, 64_000, null);
    }

    public static ModelSpec ollama() {
        ProviderSpec p = provider("ollama", "http://127.0.0.1:11434", "ollama", null,
                (ObjectNode) json("{\"keep_alive\":\"30m\",\"keepWarm\":true,\"preload\":true}"));
        return new ModelSpec(p, "qwen3:8b", "qwen3:8b", "ollama", true, List.of("text"), null, 40_960, 16_384,
                null, null, true);
    }

    /** Google's Gemini API; the key is a test value in Google's key shape. */
    public static ModelSpec gemini() {
        ProviderSpec p = provider("google", "https://generativelanguage.googleapis.com/v1beta", "google-generative-ai",
                "AIzaSyTest-not-a-real-key-000000000000");
        return new ModelSpec(p, "gemini-2.5-flash", "Gemini 2.5 Flash", "google-generative-ai", true,
                List.of("text", "image"), null, 1_048_576, null, 65_536, null, true);
    }

    /** The same model served from another base URL (a stand-in upstream), optionally with a key. */
    public static ModelSpec at(ModelSpec m, String baseUrl, String apiKey) {
        ProviderSpec p = m.provider();
        ProviderSpec moved = new ProviderSpec(p.id(), baseUrl, p.api(), apiKey, apiKey == null ? null : "config",
                p.headers(), p.authHeader(), p.firstByteTimeout(), p.params(), p.builtin(), p.configured());
        return new ModelSpec(moved, m.id(), m.name(), m.api(), m.reasoning(), m.input(), m.cost(), m.contextWindow(),
                m.contextTokens(), m.maxTokens(), m.compat(), m.configured());
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays SSE wire text through the real {@link SseReader} into a decoder, like a live call does. */
    public static List<StreamEvent> replaySse(String wire, SseDecoder decoder) {
        List<StreamEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)))) {
            for (SseEvent e = reader.next(); e != null && !decoder.isComplete(); e = reader.next()) {
                decoder.decode(e, events::add);
            }
            if (!decoder.isComplete()) {
                decoder.finish(events::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    public static List<StreamEvent> replayNdjson(String wire, NdjsonDecoder decoder) {
        List<StreamEvent> events = new ArrayList<>();
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)))) {
            for (String line = reader.next(); line != null && !decoder.isComplete(); line = reader.next()) {
                decoder.decode(line, events::add);
            }
            if (!decoder.isComplete()) {
                decoder.finish(events::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    public static List<StreamEvent> decodeWhole(String body, WholeResponseDecoder decoder) {
        List<StreamEvent> events = new ArrayList<>();
        decoder.decode(json(body), events::add);
        return events;
    }

    public static ChatResponse collect(List<StreamEvent> events) {
        ChatResponse.Builder b = new ChatResponse.Builder();
        events.forEach(b::accept);
        return b.build();
    }
}
