package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A large, realistic agent request (two system blocks with a cache breakpoint, 12 tools with a breakpoint
 * on the last, an image, two tool results of which one failed, consecutive user turns, a breakpoint on the
 * last user block) sent through every inbound API to every upstream protocol. What reaches the loopback
 * upstream is checked field by field: everything the target API can express arrives, the rest arrives in
 * its closest form (a failed tool's output with an error prefix where the API has no error flag).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class PassThroughFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM_1 = "You are a personal agent running inside OpenClaw. Be careful with tools.";
    private static final String SYSTEM_2 = "Workspace: /home/ana/project. Today is Thursday.";
    private static final String IMAGE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final String MARKER = "{\"type\":\"ephemeral\"}";
    private static final String LONG_MARKER = "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}";

    @TempDir
    static Path home;

    private FakeUpstream upstream;
    private GatewayRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    enum Inbound { CHAT_COMPLETIONS, RESPONSES, MESSAGES }

    enum Upstream {
        CHAT_COMPLETIONS("cc", "/v1/chat/completions"), RESPONSES("resp", "/v1/responses"),
        MESSAGES("anth", "/v1/messages"), OLLAMA("oll", "/api/chat");

        final String provider;
        final String path;

        Upstream(String provider, String path) {
            this.provider = provider;
            this.path = path;
        }
    }

    @BeforeAll
    void start() throws Exception {
        upstream = new FakeUpstream().on("/", FakeUpstream.answer("done"));
        Path config = home.resolve("clawgate.json5");
        String model = "models: [{ id: \"m\", name: \"M\", input: [\"text\", \"image\"], contextWindow: 200000, maxTokens: 8192 }]";
        Files.writeString(config, """
            { models: { mode: "replace", providers: {
                cc: { baseUrl: "%1$s/v1", api: "openai-completions", apiKey: "x", %2$s },
                resp: { baseUrl: "%1$s/v1", api: "openai-responses", apiKey: "x", %2$s },
                anth: { baseUrl: "%1$s/v1", api: "anthropic-messages", apiKey: "x", %2$s },
                oll: { baseUrl: "%1$s", api: "ollama", %2$s } } } }
            """.formatted(upstream.root(), model));
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }

    @AfterAll
    void stop() {
        runtime.close();
        upstream.close();
    }

    static Stream<Arguments> pairs() {
        List<Arguments> all = new ArrayList<>();
        for (Inbound in : Inbound.values()) {
            for (Upstream up : Upstream.values()) {
                all.add(Arguments.of(in, up));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void everythingTheTargetCanExpressArrives(Inbound in, Upstream up) throws Exception {
        JsonNode sent = send(in, up.provider + "/m", up.path);
        switch (up) {
            case MESSAGES -> assertAnthropic(in, sent);
            case CHAT_COMPLETIONS -> assertChatCompletions(in, sent);
            case RESPONSES -> assertResponses(in, sent);
            case OLLAMA -> assertOllama(sent);
        }
        assertThat(toolNames(sent, up)).as("all 12 tools, in order").containsExactlyElementsOf(TOOL_NAMES);
    }

    /** The official Anthropic SDK's cache breakpoints reach an Anthropic upstream byte for byte. */
    @org.junit.jupiter.api.Test
    void anthropicSdkCacheBreakpointsReachAnthropicUpstream() throws Exception {
        var client = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + runtime.port()).apiKey("unused").maxRetries(0).build();
        var ephemeral = com.anthropic.models.messages.CacheControlEphemeral.builder().build();
        var hour = com.anthropic.models.messages.CacheControlEphemeral.builder()
                .ttl(com.anthropic.models.messages.CacheControlEphemeral.Ttl.TTL_1H).build();
        var text = com.anthropic.models.messages.TextBlockParam.builder();
        int before = upstream.requests().size();
        client.messages().create(com.anthropic.models.messages.MessageCreateParams.builder().model("anth/m").maxTokens(100)
                .systemOfTextBlockParams(List.of(text.text(SYSTEM_1).cacheControl(ephemeral).build(),
                        com.anthropic.models.messages.TextBlockParam.builder().text(SYSTEM_2).build()))
                .addTool(com.anthropic.models.messages.Tool.builder().name("read")
                        .inputSchema(com.anthropic.models.messages.Tool.InputSchema.builder().build())
                        .cacheControl(ephemeral).build())
                .addUserMessageOfContentBlockParams(List.of(com.anthropic.models.messages.ContentBlockParam.ofText(
                        com.anthropic.models.messages.TextBlockParam.builder().text("hi").cacheControl(hour).build())))
                .build());
        JsonNode sent = JSON.readTree(upstream.requests().subList(before, upstream.requests().size()).stream()
                .filter(r -> r.path().equals("/v1/messages")).findFirst().orElseThrow().body());
        assertThat(sent.get("system").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"" + SYSTEM_1
                + "\",\"cache_control\":" + MARKER + "},{\"type\":\"text\",\"text\":\"" + SYSTEM_2 + "\"}]");
        assertThat(sent.get("tools").get(0).get("cache_control").toString()).isEqualTo(MARKER);
        assertThat(sent.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"hi\",\"cache_control\":" + LONG_MARKER + "}]}]");
    }

    /** Anthropic upstream: blocks, boundaries, breakpoints and the error flag, byte for byte where the client was Anthropic. */
    private void assertAnthropic(Inbound in, JsonNode body) throws Exception {
        if (in == Inbound.MESSAGES) {
            JsonNode inbound = JSON.readTree(messagesRequest("x"));
            assertThat(body.get("system")).isEqualTo(inbound.get("system"));
            assertThat(body.get("messages")).isEqualTo(inbound.get("messages"));
            assertThat(body.get("tools")).isEqualTo(inbound.get("tools"));
            assertThat(body.get("max_tokens").intValue()).isEqualTo(2048);
            return;
        }
        JsonNode system = body.get("system");
        assertThat(system.get(0).get("text").textValue()).isEqualTo(SYSTEM_1);
        assertThat(system.get(1).get("text").textValue()).isEqualTo(SYSTEM_2);
        if (in == Inbound.CHAT_COMPLETIONS) {
            assertThat(system.get(0).get("cache_control")).isEqualTo(JSON.readTree(MARKER));
        }
        JsonNode messages = body.get("messages");
        assertThat(roles(messages)).containsExactly("user", "user", "assistant", "user", "user");
        assertThat(messages.get(1).get("content").get(1).get("source").get("data").textValue()).isEqualTo(IMAGE);
        JsonNode results = messages.get(3).get("content");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("tool_use_id").textValue()).isEqualTo("call_1");
        assertThat(results.get(1).get("content").textValue()).contains("command not found");
        assertThat(body.get("max_tokens").intValue()).isEqualTo(2048);
    }

    private void assertChatCompletions(Inbound in, JsonNode body) {
        JsonNode messages = body.get("messages");
        assertThat(roles(messages)).containsExactly("system", "user", "user", "assistant", "tool", "tool", "user");
        assertThat(messages.get(0).get("content").textValue()).isEqualTo(SYSTEM_1 + "\n\n" + SYSTEM_2);
        assertThat(messages.get(2).get("content").get(1).get("image_url").get("url").textValue())
                .isEqualTo("data:image/png;base64," + IMAGE);
        assertThat(messages.get(3).get("tool_calls")).hasSize(2);
        assertThat(messages.get(4).get("content").textValue()).isEqualTo("file contents");
        assertThat(messages.get(5).get("content").textValue()).isEqualTo(
                in == Inbound.MESSAGES ? "[tool error] sh: rgx: command not found" : "sh: rgx: command not found");
        assertThat(messages.get(6).get("content").textValue()).isEqualTo("Go on.");
        String limitField = in == Inbound.CHAT_COMPLETIONS ? "max_completion_tokens" : "max_tokens";
        assertThat(body.get(limitField).intValue()).as(limitField).isEqualTo(2048);
    }

    private void assertResponses(Inbound in, JsonNode body) {
        assertThat(body.get("instructions").textValue()).isEqualTo(SYSTEM_1 + "\n\n" + SYSTEM_2);
        JsonNode input = body.get("input");
        List<String> kinds = new ArrayList<>();
        input.forEach(i -> kinds.add(i.get("type").textValue() + (i.has("role") ? ":" + i.get("role").textValue() : "")));
        assertThat(kinds).containsExactly("message:user", "message:user", "message:assistant", "function_call",
                "function_call", "function_call_output", "function_call_output", "message:user");
        assertThat(input.get(1).get("content").get(1).get("image_url").textValue()).isEqualTo("data:image/png;base64," + IMAGE);
        assertThat(input.get(6).get("output").textValue()).isEqualTo(
                in == Inbound.MESSAGES ? "[tool error] sh: rgx: command not found" : "sh: rgx: command not found");
        assertThat(body.get("max_output_tokens").intValue()).isEqualTo(2048);
        if (in != Inbound.MESSAGES) {
            assertThat(body.get("store").booleanValue()).as("the caller's store:false").isFalse();
        }
    }

    private void assertOllama(JsonNode body) {
        JsonNode messages = body.get("messages");
        assertThat(roles(messages)).containsExactly("system", "user", "user", "assistant", "tool", "tool", "user");
        assertThat(messages.get(2).get("images").get(0).textValue()).isEqualTo(IMAGE);
        assertThat(messages.get(3).get("tool_calls")).hasSize(2);
        assertThat(messages.get(5).get("content").textValue()).endsWith("sh: rgx: command not found");
    }

    /** Sends the request and returns the one body that reached the upstream's chat path. */
    private JsonNode send(Inbound in, String model, String upstreamPath) throws Exception {
        int before = upstream.requests().size();
        String path = switch (in) {
            case CHAT_COMPLETIONS -> "/v1/chat/completions";
            case RESPONSES -> "/v1/responses";
            case MESSAGES -> "/v1/messages";
        };
        String body = switch (in) {
            case CHAT_COMPLETIONS -> chatRequest(model);
            case RESPONSES -> responsesRequest(model);
            case MESSAGES -> messagesRequest(model);
        };
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + runtime.port() + path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<FakeUpstream.Request> calls = upstream.requests().subList(before, upstream.requests().size()).stream()
                .filter(r -> r.path().equals(upstreamPath)).toList();
        assertThat(calls).hasSize(1);
        return JSON.readTree(calls.get(0).body());
    }

    private static final List<String> TOOL_NAMES = List.of("read", "write", "edit", "exec", "process", "web_search",
            "web_fetch", "browser", "message", "cron", "sessions_list", "memory_search");

    private static List<String> toolNames(JsonNode body, Upstream up) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : body.get("tools")) {
            names.add(switch (up) {
                case MESSAGES, RESPONSES -> t.get("name").textValue();
                case CHAT_COMPLETIONS, OLLAMA -> t.get("function").get("name").textValue();
            });
        }
        return names;
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").textValue()));
        return roles;
    }

    private static ArrayNode toolSchemas(boolean anthropic, boolean responses) {
        ArrayNode tools = JSON.createArrayNode();
        for (int i = 0; i < TOOL_NAMES.size(); i++) {
            ObjectNode schema = JSON.createObjectNode().put("type", "object");
            schema.putObject("properties").putObject("arg" + i).put("type", "string").put("description", "argument " + i);
            schema.putArray("required").add("arg" + i);
            String name = TOOL_NAMES.get(i);
            String description = "The " + name + " tool.";
            if (anthropic) {
                ObjectNode t = tools.addObject().put("name", name).put("description", description);
                t.set("input_schema", schema);
                if (i == TOOL_NAMES.size() - 1) {
                    t.putObject("cache_control").put("type", "ephemeral");
                }
            } else if (responses) {
                tools.addObject().put("type", "function").put("name", name).put("description", description)
                        .set("parameters", schema);
            } else {
                tools.addObject().put("type", "function").putObject("function").put("name", name)
                        .put("description", description).set("parameters", schema);
            }
        }
        return tools;
    }

    static String messagesRequest(String model) {
        return """
            {"model":"%s","max_tokens":2048,
             "system":[{"type":"text","text":"%s","cache_control":%s},{"type":"text","text":"%s"}],
             "tools":%s,
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Find the bug."}]},
               {"role":"user","content":[{"type":"text","text":"Here is the screenshot."},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]},
               {"role":"assistant","content":[{"type":"text","text":"Reading."},
                 {"type":"tool_use","id":"call_1","name":"read","input":{"arg0":"src/App.java"}},
                 {"type":"tool_use","id":"call_2","name":"exec","input":{"arg3":"rgx TODO"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"file contents"},
                 {"type":"tool_result","tool_use_id":"call_2","content":"sh: rgx: command not found","is_error":true}]},
               {"role":"user","content":[{"type":"text","text":"Go on.","cache_control":%s}]}]}
            """.formatted(model, SYSTEM_1, MARKER, SYSTEM_2, toolSchemas(true, false), IMAGE, LONG_MARKER);
    }

    private static String chatRequest(String model) {
        return """
            {"model":"%s","max_completion_tokens":2048,"store":false,"tools":%s,
             "messages":[
               {"role":"system","content":[{"type":"text","text":"%s","cache_control":%s}]},
               {"role":"system","content":"%s"},
               {"role":"user","content":"Find the bug."},
               {"role":"user","content":[{"type":"text","text":"Here is the screenshot."},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]},
               {"role":"assistant","content":"Reading.","tool_calls":[
                 {"id":"call_1","type":"function","function":{"name":"read","arguments":"{\\"arg0\\":\\"src/App.java\\"}"}},
                 {"id":"call_2","type":"function","function":{"name":"exec","arguments":"{\\"arg3\\":\\"rgx TODO\\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"file contents"},
               {"role":"tool","tool_call_id":"call_2","content":"sh: rgx: command not found"},
               {"role":"user","content":"Go on."}]}
            """.formatted(model, toolSchemas(false, false), SYSTEM_1, MARKER, SYSTEM_2, IMAGE);
    }

    private static String responsesRequest(String model) {
        return """
            {"model":"%s","max_output_tokens":2048,"store":false,"instructions":"%s","tools":%s,
             "input":[
               {"role":"developer","content":"%s"},
               {"role":"user","content":"Find the bug."},
               {"role":"user","content":[{"type":"input_text","text":"Here is the screenshot."},
                 {"type":"input_image","image_url":"data:image/png;base64,%s"}]},
               {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Reading."}]},
               {"type":"function_call","call_id":"call_1","name":"read","arguments":"{\\"arg0\\":\\"src/App.java\\"}"},
               {"type":"function_call","call_id":"call_2","name":"exec","arguments":"{\\"arg3\\":\\"rgx TODO\\"}"},
               {"type":"function_call_output","call_id":"call_1","output":"file contents"},
               {"type":"function_call_output","call_id":"call_2","output":"sh: rgx: command not found"},
               {"role":"user","content":"Go on."}]}
            """.formatted(model, SYSTEM_1, toolSchemas(false, true), SYSTEM_2, IMAGE);
    }
}
