package dev.clawgate.upstream.google;

import static dev.clawgate.upstream.UpstreamFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.upstream.UpstreamFixtures;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolChoice;
import dev.clawgate.wire.ToolSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Gemini encoder's rules beyond the canonical conversation. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GeminiEncodingTest {

    private static ObjectNode encode(ChatRequest request) {
        return new GeminiRequestEncoder().encode(request, UpstreamFixtures.gemini());
    }

    private static ChatRequest request(List<Message> messages, List<ToolSpec> tools, ToolChoice choice, ObjectNode extras) {
        return new ChatRequest("g", null, messages, tools, choice, null, null, null, List.of("END"), true, null, extras);
    }

    /** Parallel calls without result names: each functionResponse is named from the call it answers, in one turn. */
    @Test
    void functionResponsesAreNamedFromTheirCallsAndShareOneTurn() {
        String signature = ThoughtSignature.wrap("CiQB0e2K");
        var body = encode(request(List.of(
                Message.user("Weather and time in Paris?"),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("thinking", signature, false),
                        new Part.ToolCall("call_r1_0", "get_weather", "{\"city\":\"Paris\"}"),
                        new Part.ToolCall("call_r1_1", "get_time", "{}"))),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_r1_0", null, "sunny", false))),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_r1_1", null, "no clock", true)))),
                List.of(), null, null));
        assertThat(body.get("contents")).isEqualTo(json("""
                [{"role": "user", "parts": [{"text": "Weather and time in Paris?"}]},
                 {"role": "model", "parts": [
                   {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "CiQB0e2K"},
                   {"functionCall": {"name": "get_time", "args": {}}}]},
                 {"role": "user", "parts": [
                   {"functionResponse": {"name": "get_weather", "response": {"result": "sunny"}}},
                   {"functionResponse": {"name": "get_time", "response": {"error": "no clock"}}}]}]"""));
        assertThat(body.path("generationConfig").path("stopSequences")).isEqualTo(json("[\"END\"]"));
    }

    /** Calls Gemini gave ids to are replayed with them, and each functionResponse carries its call's id. */
    @Test
    void callIdsGeminiGaveAreSentBackOnCallsAndResponses() {
        var body = encode(request(List.of(
                Message.user("Weather and time in Paris?"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new Part.ToolCall("fc-7a1", "get_weather", "{\"city\":\"Paris\"}"),
                        new Part.ToolCall("call_r1_1", "get_time", "{}"))),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("fc-7a1", null, "sunny", false),
                        new Part.ToolResult("call_r1_1", null, "14:00", false)))),
                List.of(), null, null));
        assertThat(body.get("contents").get(1).toString()).isEqualTo("{\"role\":\"model\",\"parts\":["
                + "{\"functionCall\":{\"id\":\"fc-7a1\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
                + "\"thoughtSignature\":\"skip_thought_signature_validator\"},"
                + "{\"functionCall\":{\"name\":\"get_time\",\"args\":{}}}]}");
        assertThat(body.get("contents").get(2).toString()).isEqualTo("{\"role\":\"user\",\"parts\":["
                + "{\"functionResponse\":{\"id\":\"fc-7a1\",\"name\":\"get_weather\",\"response\":{\"result\":\"sunny\"}}},"
                + "{\"functionResponse\":{\"name\":\"get_time\",\"response\":{\"result\":\"14:00\"}}}]}");
    }

    @Test
    void imagesGoInlineOrAsFileData() {
        var body = encode(request(List.of(new Message(Message.Role.USER, List.of(new Part.Text("What is this?"),
                new Part.Image("image/png", "iVBORw0KGgo=", null),
                new Part.Image(null, null, "https://example.com/cat.jpg")))), List.of(), null, null));
        assertThat(body.at("/contents/0/parts")).isEqualTo(json("""
                [{"text": "What is this?"},
                 {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                 {"fileData": {"fileUri": "https://example.com/cat.jpg"}}]"""));
    }

    /** Gemini rejects $schema, additionalProperties, type lists and const; an empty object schema is left out. */
    @Test
    void toolSchemasAreNarrowedToWhatGeminiAccepts() {
        ToolSpec search = new ToolSpec("search", "Search", json("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
                 "properties": {"q": {"type": "string", "minLength": 1},
                                "limit": {"type": ["integer", "null"], "default": 5},
                                "mode": {"const": "web"},
                                "tags": {"type": "array", "items": {"type": "string", "$comment": "x"}}},
                 "required": ["q"]}"""));
        ToolSpec now = new ToolSpec("now", null, json("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"));
        var body = encode(request(List.of(Message.user("hi")), List.of(search, now), ToolChoice.named("search"), null));
        assertThat(body.get("tools")).isEqualTo(json("""
                [{"functionDeclarations": [
                  {"name": "search", "description": "Search", "parameters": {"type": "object",
                    "properties": {"q": {"type": "string", "minLength": 1},
                                   "limit": {"type": "integer", "nullable": true, "default": 5},
                                   "mode": {"enum": ["web"]},
                                   "tags": {"type": "array", "items": {"type": "string"}}},
                    "required": ["q"]}},
                  {"name": "now"}]}]"""));
        assertThat(body.get("toolConfig")).isEqualTo(json("""
                {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["search"]}}"""));
    }

    @Test
    void reasoningEffortBecomesAThinkingBudgetAndNoneTurnsThinkingOff() {
        var high = encode(request(List.of(Message.user("hi")), List.of(), null, (ObjectNode) json("{\"reasoning_effort\":\"high\"}")));
        assertThat(high.at("/generationConfig/thinkingConfig")).isEqualTo(json("{\"includeThoughts\":true,\"thinkingBudget\":24576}"));
        assertThat(high.has("reasoning_effort")).isFalse();
        var none = encode(request(List.of(Message.user("hi")), List.of(), null, (ObjectNode) json("{\"reasoning_effort\":\"none\"}")));
        assertThat(none.at("/generationConfig/thinkingConfig")).isEqualTo(json("{\"thinkingBudget\":0}"));
    }

    @Test
    void providerParamsReachTheBody() {
        var body = encode(request(List.of(Message.user("hi")), List.of(), null, (ObjectNode) json("""
                {"safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}]}""")));
        assertThat(body.at("/safetySettings/0/threshold").asText()).isEqualTo("BLOCK_ONLY_HIGH");
    }
}
