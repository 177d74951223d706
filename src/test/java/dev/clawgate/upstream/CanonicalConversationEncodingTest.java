package dev.clawgate.upstream;

import static dev.clawgate.upstream.UpstreamFixtures.conversation;
import static dev.clawgate.upstream.UpstreamFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.upstream.anthropic.AnthropicRequestEncoder;
import dev.clawgate.upstream.google.GeminiRequestEncoder;
import dev.clawgate.upstream.ollama.OllamaRequestEncoder;
import dev.clawgate.upstream.openai.ChatCompletionsRequestEncoder;
import dev.clawgate.upstream.openai.ResponsesRequestEncoder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One canonical conversation encoded for each upstream API; the whole body is asserted. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CanonicalConversationEncodingTest {

    private static final String TOOL_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

    @Test
    void chatCompletionsForVllm() {
        var body = new ChatCompletionsRequestEncoder().encode(conversation(), UpstreamFixtures.vllmCompletions());
        assertThat(body).isEqualTo(json("""
                {
                  "model": "Qwen/Qwen3-8B",
                  "messages": [
                    {"role": "system", "content": "You are a weather assistant."},
                    {"role": "user", "content": "What's the weather in Paris?"},
                    {"role": "assistant", "content": "",
                     "reasoning_content": "The user wants the weather; call get_weather.",
                     "tool_calls": [{"id": "call_1", "type": "function",
                                     "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                    {"role": "tool", "tool_call_id": "call_1", "content": "{\\"temp_c\\":18,\\"sky\\":\\"clear\\"}"},
                    {"role": "assistant", "content": "It is 18 °C and clear in Paris."},
                    {"role": "user", "content": "Thanks! And tomorrow?"}
                  ],
                  "stream": true,
                  "stream_options": {"include_usage": true},
                  "max_tokens": 1024,
                  "temperature": 0.2,
                  "tools": [{"type": "function", "function": {"name": "get_weather",
                             "description": "Current weather for a city", "parameters": %s}}],
                  "tool_choice": "auto"
                }""".formatted(TOOL_SCHEMA)));
    }

    @Test
    void responsesForLmStudio() {
        var body = new ResponsesRequestEncoder().encode(conversation(), UpstreamFixtures.lmStudioResponses());
        assertThat(body).isEqualTo(json("""
                {
                  "model": "openai/gpt-oss-20b",
                  "instructions": "You are a weather assistant.",
                  "input": [
                    {"type": "message", "role": "user", "content": "What's the weather in Paris?"},
                    {"type": "reasoning", "summary": [],
                     "content": [{"type": "reasoning_text", "text": "The user wants the weather; call get_weather."}]},
                    {"type": "function_call", "call_id": "call_1", "name": "get_weather",
                     "arguments": "{\\"city\\":\\"Paris\\"}"},
                    {"type": "function_call_output", "call_id": "call_1", "output": "{\\"temp_c\\":18,\\"sky\\":\\"clear\\"}"},
                    {"type": "message", "role": "assistant", "content": "It is 18 °C and clear in Paris."},
                    {"type": "message", "role": "user", "content": "Thanks! And tomorrow?"}
                  ],
                  "stream": true,
                  "max_output_tokens": 1024,
                  "temperature": 0.2,
                  "tools": [{"type": "function", "name": "get_weather", "description": "Current weather for a city",
                             "parameters": %s}],
                  "tool_choice": "auto"
                }""".formatted(TOOL_SCHEMA)));
    }

    @Test
    void anthropicMessages() {
        var body = new AnthropicRequestEncoder().encode(conversation(), UpstreamFixtures.anthropic());
        assertThat(body).isEqualTo(json("""
                {
                  "model": "claude-sonnet-4-5",
                  "max_tokens": 1024,
                  "system": "You are a weather assistant.",
                  "messages": [
                    {"role": "user", "content": [{"type": "text", "text": "What's the weather in Paris?"}]},
                    {"role": "assistant", "content": [
                      {"type": "thinking", "thinking": "The user wants the weather; call get_weather.", "signature": "sig-abc"},
                      {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}}]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "call_1", "content": "{\\"temp_c\\":18,\\"sky\\":\\"clear\\"}"}]},
                    {"role": "assistant", "content": [{"type": "text", "text": "It is 18 °C and clear in Paris."}]},
                    {"role": "user", "content": [{"type": "text", "text": "Thanks! And tomorrow?"}]}
                  ],
                  "tools": [{"name": "get_weather", "description": "Current weather for a city", "input_schema": %s}],
                  "tool_choice": {"type": "auto"},
                  "temperature": 0.2,
                  "stream": true
                }""".formatted(TOOL_SCHEMA)));
    }

    @Test
    void ollamaNative() {
        var body = new OllamaRequestEncoder().encode(conversation(), UpstreamFixtures.ollama());
        assertThat(body).isEqualTo(json("""
                {
                  "model": "qwen3:8b",
                  "messages": [
                    {"role": "system", "content": "You are a weather assistant."},
                    {"role": "user", "content": "What's the weather in Paris?"},
                    {"role": "assistant", "content": "", "thinking": "The user wants the weather; call get_weather.",
                     "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
                    {"role": "tool", "content": "{\\"temp_c\\":18,\\"sky\\":\\"clear\\"}", "tool_name": "get_weather"},
                    {"role": "assistant", "content": "It is 18 °C and clear in Paris."},
                    {"role": "user", "content": "Thanks! And tomorrow?"}
                  ],
                  "tools": [{"type": "function", "function": {"name": "get_weather",
                             "description": "Current weather for a city", "parameters": %s}}],
                  "stream": true,
                  "think": true,
                  "options": {"num_ctx": 16384, "num_predict": 1024, "temperature": 0.2},
                  "keep_alive": "30m"
                }""".formatted(TOOL_SCHEMA)));
    }

    /**
     * Gemini: roles user/model, the result as a functionResponse named after its function and carrying the
     * call's id (as does the replayed functionCall), the reasoning
     * text left out (its signature is not Gemini's, so the call gets the documented stand-in signature).
     */
    @Test
    void geminiGenerateContent() {
        var body = new GeminiRequestEncoder().encode(conversation(), UpstreamFixtures.gemini());
        assertThat(body).isEqualTo(json("""
                {
                  "contents": [
                    {"role": "user", "parts": [{"text": "What's the weather in Paris?"}]},
                    {"role": "model", "parts": [{"functionCall": {"id": "call_1", "name": "get_weather", "args": {"city": "Paris"}},
                                                 "thoughtSignature": "skip_thought_signature_validator"}]},
                    {"role": "user", "parts": [{"functionResponse": {"id": "call_1", "name": "get_weather",
                                                                     "response": {"temp_c": 18, "sky": "clear"}}}]},
                    {"role": "model", "parts": [{"text": "It is 18 °C and clear in Paris."}]},
                    {"role": "user", "parts": [{"text": "Thanks! And tomorrow?"}]}
                  ],
                  "systemInstruction": {"parts": [{"text": "You are a weather assistant."}]},
                  "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Current weather for a city",
                                                       "parameters": %s}]}],
                  "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}},
                  "generationConfig": {"maxOutputTokens": 1024, "temperature": 0.2,
                                       "thinkingConfig": {"includeThoughts": true}}
                }""".formatted(TOOL_SCHEMA)));
    }
}
