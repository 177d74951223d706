package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code messages.countTokens} with the official Anthropic SDK: a model served by an Anthropic upstream is
 * counted by that upstream (with its key); any other model by the local estimator.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CountTokensUpstreamTest {

    @TempDir
    Path home;

    private FakeUpstream anthropic;
    private GatewayRuntime runtime;
    private AnthropicClient client;

    @BeforeEach
    void start() throws Exception {
        anthropic = new FakeUpstream().on("/v1/messages/count_tokens", FakeUpstream.json("{\"input_tokens\":4321}"));
        runtime = RuntimeUnderTest.start(home, """
            { agents: { defaults: { model: "claude/sonnet", workspace: "%s" } },
              models: { mode: "replace", providers: {
                claude: { baseUrl: "%s", api: "anthropic-messages", apiKey: "sk-ant-test", models: [{ id: "sonnet" }] },
                box: { baseUrl: "%s", api: "openai-completions", models: [{ id: "qwen3-8b" }] } } } }
            """.formatted(home.resolve("ws"), anthropic.root(), anthropic.baseUrl()));
        client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + runtime.port()).apiKey("unused")
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
        anthropic.close();
    }

    @Test
    void anAnthropicModelIsCountedByItsUpstreamOthersEstimated() throws Exception {
        HttpResponseFor<MessageTokensCount> counted = client.messages().withRawResponse().countTokens(
                MessageCountTokensParams.builder().model("claude/sonnet").system("be brief").addUserMessage("hi").build());

        assertThat(counted.parse().inputTokens()).isEqualTo(4321);
        assertThat(counted.headers().values("x-clawgate-token-count")).containsExactly("upstream");
        FakeUpstream.Request sent = anthropic.requests().stream()
                .filter(r -> r.path().equals("/v1/messages/count_tokens")).findFirst().orElseThrow();
        assertThat(sent.headers()).containsEntry("x-api-key", "sk-ant-test").containsKey("anthropic-version");
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertThat(body.get("model").asText()).isEqualTo("sonnet");
        assertThat(body.get("system").asText()).isEqualTo("be brief");
        assertThat(body.has("max_tokens")).isFalse();

        HttpResponseFor<MessageTokensCount> estimated = client.messages().withRawResponse().countTokens(
                MessageCountTokensParams.builder().model("box/qwen3-8b").addUserMessage("hi").build());
        assertThat(estimated.parse().inputTokens()).isPositive().isLessThan(100);
        assertThat(estimated.headers().values("x-clawgate-token-count")).containsExactly("estimated");
        assertThat(anthropic.requestsTo("/v1/messages/count_tokens")).isEqualTo(1);
    }
}
