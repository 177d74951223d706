package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Token auth, failed-attempt throttling and the refusal to expose an unauthenticated gateway. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatewayAuthTest extends GatewayTestSupport {

    static final String TOKEN = "cg_test_token_0123456789abcdef";

    void startWithToken(int failuresPerMinute) {
        start(GatewaySettings.loopback(0).withToken(TOKEN)
                .withLimits(GatewaySettings.Limits.DEFAULTS.withAuthFailuresPerMinute(failuresPerMinute)));
    }

    @Test
    void missingAndWrongTokensAreRefusedInEachApisShape() throws Exception {
        startWithToken(100);
        HttpResponse<String> missing = post("/v1/chat/completions", CHAT_BODY);
        assertThat(missing.statusCode()).isEqualTo(401);
        JsonNode err = Json.MAPPER.readTree(missing.body()).get("error");
        assertThat(err.get("type").asText()).isEqualTo("authentication_error");
        assertThat(err.get("message").asText()).contains("Authorization: Bearer").contains("x-api-key");

        HttpResponse<String> wrong = post("/v1/messages", MESSAGES_BODY, "x-api-key", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        JsonNode a = Json.MAPPER.readTree(wrong.body());
        assertThat(a.get("type").asText()).isEqualTo("error");
        assertThat(a.get("error").get("type").asText()).isEqualTo("authentication_error");
        assertThat(wrong.body()).doesNotContain(TOKEN);

        assertThat(post("/v1/chat/completions", CHAT_BODY, "authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(get("/v1/models").statusCode()).isEqualTo(401);
        assertThat(get("/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(router.requests).isEmpty();
    }

    @Test
    void rightTokenAsBearerOrApiKeyThroughTheSdks() throws Exception {
        startWithToken(100);
        var openai = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey(TOKEN).maxRetries(0).build();
        assertThat(openai.chat().completions().create(ChatCompletionCreateParams.builder().model("local")
                .addUserMessage("hi").build()).choices()).hasSize(1);
        var anthropic = AnthropicOkHttpClient.builder().baseUrl(base()).apiKey(TOKEN).maxRetries(0).build();
        assertThat(anthropic.messages().create(MessageCreateParams.builder().model("local").maxTokens(10)
                .addUserMessage("hi").build()).content()).hasSize(1);
        var wrongAnthropic = AnthropicOkHttpClient.builder().baseUrl(base()).apiKey("bad").maxRetries(0).build();
        assertThatThrownBy(() -> wrongAnthropic.messages().create(MessageCreateParams.builder().model("local").maxTokens(10)
                .addUserMessage("hi").build())).isInstanceOf(UnauthorizedException.class);
        assertThat(get("/v1/models", "authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedFailuresAreThrottledWithRetryAfter() throws Exception {
        startWithToken(3);
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/chat/completions", CHAT_BODY, "authorization", "Bearer guess" + i).statusCode()).isEqualTo(401);
        }
        // Throttled now: a further wrong guess learns nothing from the answer...
        HttpResponse<String> throttled = post("/v1/chat/completions", CHAT_BODY, "authorization", "Bearer guess9");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
        assertThat(Json.MAPPER.readTree(throttled.body()).get("error").get("message").asText())
                .contains("Too many failed authentication attempts").contains("limit 3 per minute");
        assertThat(post("/v1/chat/completions", CHAT_BODY).statusCode()).as("no token at all").isEqualTo(429);
        // ...but the owner, on the same address, is never locked out by someone else's guesses.
        assertThat(post("/v1/chat/completions", CHAT_BODY, "authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(get("/v1/models", "x-api-key", TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesToExposeAnUnauthenticatedGateway() {
        GatewayServer exposed = new GatewayServer(GatewaySettings.loopback(0).withHost("0.0.0.0"), router, MODELS);
        assertThatThrownBy(exposed::start).isInstanceOf(GatewayStartException.class)
                .hasMessageContaining("Refusing to listen on 0.0.0.0 without authentication")
                .hasMessageContaining("gateway.auth.mode: \"token\"")
                .hasMessageContaining("gateway.auth.token: \"${CLAWGATE_TOKEN}\"")
                .hasMessageContaining("clawgate token");
        GatewayServer emptyToken = new GatewayServer(GatewaySettings.loopback(0).withToken(""), router, MODELS);
        assertThatThrownBy(emptyToken::start).isInstanceOf(GatewayStartException.class)
                .hasMessageContaining("gateway.auth.token is empty");
        assertThat(BindSafety.isLoopback("::1")).isTrue();
        assertThat(BindSafety.isLoopback("localhost")).isTrue();
        assertThat(BindSafety.isLoopback("192.168.1.5")).isFalse();
        assertThat(BindSafety.isLoopback("gpu-box")).isFalse();
        assertThat(GatewaySettings.loopback(0).withToken(TOKEN).toString()).doesNotContain(TOKEN);
    }
}
