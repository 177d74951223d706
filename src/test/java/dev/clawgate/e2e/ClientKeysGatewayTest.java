package dev.clawgate.e2e;

import static dev.clawgate.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client keys over real HTTP: each key authenticates through the OpenAI and Anthropic SDKs and the Control UI
 * API and is attributed in the metrics; a key's models, privacy, rate limit and budget hold without contacting
 * what they exclude; a key revoked by a reload is refused at once.
 */
@Timeout(30)
class ClientKeysGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATEWAY_TOKEN = "gateway-token-0123456789";
    private static final String ALICE = "alice-token-0123456789abcdef";
    private static final String CI = "ci-token-0123456789abcdef";
    private static final String CAPPED = "capped-token-0123456789abcdef";

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(); // 2026-01-01T00:00:00Z: a minute window starts now
    private FakeUpstream cloud;
    private FakeUpstream local;
    private GatewayRuntime runtime;
    private Path file;

    @BeforeEach
    void upstreams() throws Exception {
        cloud = new FakeUpstream().on("/", answer("from the cloud"));
        local = new FakeUpstream().on("/", answer("from the local model"));
        file = home.resolve("clawgate.json5");
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        cloud.close();
        local.close();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** cloud/big costs $0.035 for the fake's usage and may cost $0.107 with max_tokens 10: $0.13 holds one call. */
    private String config(boolean withAlice) throws Exception {
        List<String> keys = new ArrayList<>();
        if (withAlice) {
            keys.add("{ id: \"alice\", token: \"sha256:" + sha256(ALICE) + "\" }");
        }
        keys.add("{ id: \"ci\", token: \"${CI_KEY}\", models: [\"remote/big\", \"local\", \"clawgate\"], privacy: \"local-only\","
                + " rateLimit: { requestsPerMinute: 2 } }");
        keys.add("{ id: \"capped\", token: \"${CAPPED_KEY}\", budget: { daily: 0.13 } }");
        return "{ gateway: { auth: { mode: \"token\", token: \"${CLAWGATE_TOKEN}\", keys: [" + String.join(", ", keys)
                + "] } },\n"
                + "  agents: { defaults: { model: { primary: \"remote/big\", fallbacks: [\"lmstudio/small\"] },"
                + " models: { \"lmstudio/small\": { alias: \"local\" }, \"cloud/big\": {}, \"cloud/huge\": {},"
                + " \"remote/big\": {} } } },\n"
                + "  models: { providers: {\n"
                + "    cloud: { baseUrl: \"" + cloud.baseUrl() + "\", api: \"openai-completions\", apiKey: \"sk-test\","
                + " models: [{ id: \"big\", cost: { input: 1000, output: 10000 }, maxTokens: 1000 }, { id: \"huge\" }] },\n"
                // a hosted provider no test can reach: the local-only key must skip it without contact
                + "    remote: { baseUrl: \"https://api.remote.invalid/v1\", api: \"openai-completions\","
                + " apiKey: \"sk-test\", models: [{ id: \"big\" }] },\n"
                + "    lmstudio: { baseUrl: \"" + local.baseUrl() + "\", api: \"openai-completions\","
                + " models: [{ id: \"small\" }] } } } }\n";
    }

    private void start() throws Exception {
        Files.writeString(file, config(true));
        runtime = GatewayRuntime.start(Environment.of(Map.of("CLAWGATE_TOKEN", GATEWAY_TOKEN, "CI_KEY", CI,
                "CAPPED_KEY", CAPPED), home), file, new GatewayRuntime.Overrides(0, null), clock);
    }

    private String base() {
        return "http://127.0.0.1:" + runtime.port();
    }

    private HttpResponse<String> send(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + token).header("content-type", "application/json");
        b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void aKeyAuthenticatesThroughBothSdksAndTheControlUiApiAndIsAttributedInTheMetrics() throws Exception {
        start();
        var openai = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey(ALICE).maxRetries(0).build();
        assertThat(openai.chat().completions().create(ChatCompletionCreateParams.builder().model("cloud/big")
                .maxTokens(10).addUserMessage("hi").build()).choices().get(0).message().content())
                .contains("from the cloud");
        var anthropic = AnthropicOkHttpClient.builder().baseUrl(base()).apiKey(ALICE).maxRetries(0).build();
        assertThat(anthropic.messages().create(MessageCreateParams.builder().model("cloud/big").maxTokens(10)
                .addUserMessage("hi").build()).content()).hasSize(1);
        assertThat(send("/clawgate/api/overview", ALICE, null).statusCode()).isEqualTo(200);
        var wrong = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey(ALICE + "x").maxRetries(0).build();
        assertThatThrownBy(() -> wrong.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("cloud/big").addUserMessage("hi").build())).isInstanceOf(UnauthorizedException.class);

        String metrics = send("/metrics", GATEWAY_TOKEN, null).body();
        assertThat(metrics.lines().filter(l -> l.startsWith("clawgate_gateway_requests_total{")
                && l.contains("key=\"alice\"") && l.contains("status=\"200\""))).hasSize(2);
        assertThat(metrics.lines().filter(l -> l.startsWith("clawgate_usage_cost_usd_total{")
                && l.contains("key=\"alice\""))).isNotEmpty();
        assertThat(metrics).doesNotContain(ALICE);
        assertThat(send("/clawgate/api/decisions", ALICE, null).body()).as("the routing feed names the key")
                .contains("\"key\":\"alice\"");

        assertThat(answeredCalls(2)).as("each answered call is in the data-flow ledger with its key")
                .containsExactly("alice cloud/big 0.035", "alice cloud/big 0.035");
    }

    @Test
    void aKeysModelsPrivacyAndRateLimitHoldWithoutContactingWhatTheyExclude() throws Exception {
        start();
        List<String> listed = new ArrayList<>();
        JSON.readTree(send("/v1/models", CI, null).body()).path("data").forEach(m -> listed.add(m.path("id").asText()));
        assertThat(listed).containsExactlyInAnyOrder("remote/big", "lmstudio/small", "clawgate");

        var openai = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey(CI).maxRetries(0).build();
        assertThatThrownBy(() -> openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("cloud/huge").addUserMessage("hi").build())).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Client key 'ci' may not use the model 'cloud/huge'");
        HttpResponse<String> anthropic = client.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages"))
                .timeout(Duration.ofSeconds(10)).header("x-api-key", CI).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("cloud/huge"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asText()).isEqualTo("permission_error");
        HttpResponse<String> embeddings = send("/v1/embeddings", CI, "{\"model\":\"cloud/huge\",\"input\":\"hi\"}");
        assertThat(embeddings.statusCode()).as("a key's models hold for embeddings too").isEqualTo(403);
        assertThat(JSON.readTree(embeddings.body()).path("error").path("code").asText()).isEqualTo("model_not_allowed");
        HttpResponse<String> counting = client.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages/count_tokens"))
                .timeout(Duration.ofSeconds(10)).header("x-api-key", CI).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("cloud/huge"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(counting.statusCode()).as("counting tokens sends the prompt: the key's models hold").isEqualTo(403);

        HttpResponse<String> privateCall = send("/v1/chat/completions", CI, chat("remote/big"));
        assertThat(privateCall.statusCode()).isEqualTo(200);
        assertThat(privateCall.body()).contains("from the local model");
        assertThat(privateCall.headers().firstValue("x-clawgate-attempts").orElseThrow())
                .startsWith("remote/big=skipped").endsWith("lmstudio/small=ok");
        assertThat(send("/v1/chat/completions", CI, chat("lmstudio/small")).statusCode()).as("allowed by its alias")
                .isEqualTo(200);

        HttpResponse<String> limited = send("/v1/chat/completions", CI, chat("local"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).contains("60");
        JsonNode error = JSON.readTree(limited.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limited");
        assertThat(error.path("message").asText()).contains("Client key 'ci'", "2 requests per minute");
        assertThat(cloud.modelCalls()).isEmpty();
        assertThat(local.modelCalls()).hasSize(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(send("/v1/chat/completions", CI, chat("local")).statusCode()).as("a new window").isEqualTo(200);
        HttpResponse<String> agentTurn = send("/v1/chat/completions", CI, chat("clawgate"));
        assertThat(agentTurn.statusCode()).as(agentTurn.body()).isEqualTo(200);
        assertThat(agentTurn.body()).as("the key's privacy holds for the agent turn it starts")
                .contains("from the local model");
        assertThat(answeredCalls(4)).containsOnly("ci lmstudio/small 0.0").hasSize(4);
        assertThat(send("/v1/chat/completions", GATEWAY_TOKEN, chat("cloud/huge")).statusCode())
                .as("the gateway token is not limited by a key").isEqualTo(200);
    }

    @Test
    void aKeysBudgetIsReservedUnderItsOwnScopeAndShownInTheStatus() throws Exception {
        start();
        assertThat(send("/v1/chat/completions", CAPPED, chat("cloud/big")).body()).contains("from the cloud");

        HttpResponse<String> refused = send("/v1/chat/completions", CAPPED, chat("cloud/big"));
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("budget key:capped daily", "spent $0.035", "of $0.13");
        assertThat(send("/v1/chat/completions", GATEWAY_TOKEN, chat("cloud/big")).statusCode())
                .as("the gateway token has no key budget").isEqualTo(200);
        assertThat(cloud.modelCalls()).hasSize(2);

        JsonNode status = JSON.readTree(send("/clawgate/status", GATEWAY_TOKEN, null).body());
        List<String> scopes = new ArrayList<>();
        status.path("budgets").forEach(b -> scopes.add(b.path("scope").asText() + " " + b.path("spentUsd").asDouble()));
        assertThat(scopes).contains("key:capped 0.035");
        assertThat(send("/clawgate/api/budgets", GATEWAY_TOKEN, null).body()).contains("\"scope\":\"key:capped\"");
        String metrics = send("/metrics", GATEWAY_TOKEN, null).body();
        assertThat(metrics).contains("clawgate_budget_spent_usd{period=\"daily\",scope=\"key:capped\"} 0.035",
                "clawgate_budget_limit_usd{period=\"daily\",scope=\"key:capped\"} 0.13",
                "clawgate_budget_warning{period=\"daily\",scope=\"key:capped\"} 0.0");
    }

    @Test
    void aKeyRevokedByAReloadIsRefusedAtOnce() throws Exception {
        start();
        assertThat(send("/v1/models", ALICE, null).statusCode()).isEqualTo(200);

        Files.writeString(file, config(false));
        assertThat(runtime.reloadNow()).isTrue();

        HttpResponse<String> revoked = send("/v1/models", ALICE, null);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("Invalid gateway token or client key");
        assertThat(send("/v1/chat/completions", ALICE, chat("cloud/big")).statusCode()).isEqualTo(401);
        assertThat(send("/v1/models", CI, null).statusCode()).as("the other keys still work").isEqualTo(200);
        assertThat(send("/v1/models", GATEWAY_TOKEN, null).statusCode()).isEqualTo(200);
    }

    /**
     * The answered calls in the gateway's data-flow ledger ({@code key model cost}), once there are
     * {@code expected}: the ledger is written off the request path.
     */
    private List<String> answeredCalls(int expected) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        dev.clawgate.testing.Await.until("the ledger holds " + expected + " answered calls", Duration.ofSeconds(10), () -> {
            seen.clear();
            try (var ledger = dev.clawgate.ledger.JdbcLedgerStore.openOwning(
                    new dev.clawgate.state.sqlite.SqliteDatabases(home.resolve(".clawgate/state")))) {
                ledger.since(java.time.Instant.EPOCH, 100).stream().filter(e -> "ok".equals(e.outcome()))
                        .forEach(e -> seen.add(e.keyId() + " " + e.model() + " " + e.costUsd().doubleValue()));
            }
            return seen.size() >= expected;
        });
        return seen;
    }
}
