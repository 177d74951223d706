package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Endpoints and shapes clients expect besides the model calls: count_tokens, model lists, 405/404, CORS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApiEndpointsTest extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicClient anthropic() {
        return AnthropicOkHttpClient.builder().baseUrl(base()).apiKey("unused").maxRetries(0).build();
    }

    @Test
    void anthropicSdkCountsTokensWithTheLocalEstimateMarked() throws Exception {
        start();
        long small = anthropic().messages().countTokens(MessageCountTokensParams.builder().model("local")
                .addUserMessage("hi").build()).inputTokens();
        long large = anthropic().messages().countTokens(MessageCountTokensParams.builder().model("local")
                .system("You are a careful assistant. ".repeat(50)).addUserMessage("hi").build()).inputTokens();
        assertThat(small).isPositive();
        assertThat(large).isGreaterThan(small + 100);
        HttpResponse<String> raw = post("/v1/messages/count_tokens",
                "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(raw.headers().firstValue("x-clawgate-token-count")).contains("estimated");
        HttpResponse<String> bad = post("/v1/messages/count_tokens", "{\"model\":\"local\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"type\":\"invalid_request_error\"").contains("messages");
    }

    @Test
    void anthropicSdkListsModelsInAnthropicsShape() throws Exception {
        start();
        List<String> ids = new ArrayList<>();
        for (ModelInfo m : anthropic().models().list().data()) {
            ids.add(m.id());
            assertThat(m.displayName()).isEqualTo(m.id());
            assertThat(m.createdAt()).isNotNull();
        }
        assertThat(ids).containsExactly("lmstudio/qwen3", "openrouter/moonshotai/kimi-k2");
        JsonNode list = JSON.readTree(get("/v1/models", "anthropic-version", "2023-06-01").body());
        assertThat(list.get("has_more").booleanValue()).isFalse();
        assertThat(list.get("first_id").textValue()).isEqualTo("lmstudio/qwen3");
        assertThat(list.get("last_id").textValue()).isEqualTo("openrouter/moonshotai/kimi-k2");
        assertThat(list.get("data").get(0).get("type").textValue()).isEqualTo("model");
        // without anthropic-version: OpenAI's shape, unchanged
        assertThat(JSON.readTree(get("/v1/models").body()).get("object").textValue()).isEqualTo("list");
        HttpResponse<String> missing = get("/v1/models/nope", "anthropic-version", "2023-06-01");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"type\":\"not_found_error\"");
    }

    @Test
    void wrongMethodIs405WithAllowAndUnknownPathIsJson404InThePathsApiShape() throws Exception {
        start();
        HttpResponse<String> chat = get("/v1/chat/completions");
        assertThat(chat.statusCode()).isEqualTo(405);
        assertThat(chat.headers().firstValue("allow")).contains("POST");
        assertThat(JSON.readTree(chat.body()).get("error").get("message").textValue())
                .contains("GET is not allowed on /v1/chat/completions");
        HttpResponse<String> messages = get("/v1/messages");
        assertThat(messages.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(messages.body()).get("type").textValue()).isEqualTo("error");
        HttpResponse<String> models = post("/v1/models", "{}");
        assertThat(models.statusCode()).isEqualTo(405);
        assertThat(models.headers().firstValue("allow")).contains("GET");
        assertThat(send("DELETE", "/v1/models/lmstudio/qwen3", null).headers().firstValue("allow")).contains("GET");

        HttpResponse<String> unknown = get("/v1/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(unknown.body()).get("error").get("type").textValue()).isEqualTo("invalid_request_error");
        HttpResponse<String> unknownAnthropic = post("/v1/messages/batches", "{}");
        assertThat(unknownAnthropic.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownAnthropic.body()).get("error").get("type").textValue()).isEqualTo("not_found_error");
    }

    @Test
    void corsPreflightAndResponsesForAllowedOriginsOnly() throws Exception {
        start(GatewaySettings.loopback(0), new ApiOptions(ApiOptions.Reasoning.SEPARATE, List.of("https://app.example.com")));
        HttpResponse<String> preflight = send("OPTIONS", "/v1/chat/completions", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example.com");
        assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).contains("authorization, content-type");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).contains("true");

        HttpResponse<String> call = post("/v1/chat/completions", CHAT_BODY, "Origin", "https://app.example.com");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("access-control-allow-origin")).contains("https://app.example.com");
        assertThat(call.headers().firstValue("access-control-expose-headers").orElseThrow()).contains("x-clawgate-model");

        HttpResponse<String> stranger = send("OPTIONS", "/v1/chat/completions", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains("gateway.http.cors.allowedOrigins");
        assertThat(stranger.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(post("/v1/chat/completions", CHAT_BODY, "Origin", "https://evil.example").headers()
                .firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void wildcardCorsNeverAllowsCredentials() throws Exception {
        start(GatewaySettings.loopback(0), new ApiOptions(ApiOptions.Reasoning.SEPARATE, List.of("*")));
        HttpResponse<String> preflight = send("OPTIONS", "/v1/messages", "https://any.example",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).isEmpty();
    }

    @Test
    void noCorsHeadersByDefault() throws Exception {
        start();
        HttpResponse<String> preflight = send("OPTIONS", "/v1/chat/completions", "https://app.example.com",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> send(String method, String path, String origin, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
