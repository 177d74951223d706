package dev.clawgate.e2e;

import static dev.clawgate.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway budget over real HTTP: the first call fits and is settled to its usage, the next one that
 * would not fit is refused with 429 {@code budget_exceeded} in each inbound API's shape and
 * {@code Retry-After} until the reset, without contacting any upstream; settled spend survives a restart.
 */
@Timeout(30)
class BudgetGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(); // 2026-01-01T00:00:00Z
    private FakeUpstream cloud;
    private FakeUpstream local;
    private GatewayRuntime runtime;

    @BeforeEach
    void upstreams() throws Exception {
        cloud = new FakeUpstream().on("/", answer("from the cloud"));
        local = new FakeUpstream().on("/", answer("from the local model"));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        cloud.close();
        local.close();
    }

    /**
     * $1000 per 1M tokens in, $10000 out: the fake's usage (5 in, 3 out) costs $0.035, and a call allowed 10
     * output tokens may cost about $0.107, so $0.13 holds one call and refuses the next.
     */
    private Path config(String onExceeded) throws Exception {
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, "{ gateway: { auth: { mode: \"none\" }, budget: { daily: 0.13, onExceeded: \""
                + onExceeded + "\" } },\n"
                + "  agents: { defaults: { model: { primary: \"cloud/big\", fallbacks: [\"lmstudio/small\"] } } },\n"
                + "  models: { providers: {\n"
                + "    cloud: { baseUrl: \"" + cloud.baseUrl() + "\", api: \"openai-completions\", apiKey: \"sk-test\","
                + " models: [{ id: \"big\", cost: { input: 1000, output: 10000 }, maxTokens: 1000 }] },\n"
                + "    lmstudio: { baseUrl: \"" + local.baseUrl() + "\", api: \"openai-completions\","
                + " models: [{ id: \"small\" }] } } } }\n");
        return file;
    }

    private void start(Path file) {
        runtime = GatewayRuntime.start(Environment.of(Map.of(), home), file, new GatewayRuntime.Overrides(0, null),
                clock);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode gatewayBudget() throws Exception {
        HttpResponse<String> status = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + runtime.port() + "/clawgate/status")).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        for (JsonNode b : JSON.readTree(status.body()).path("budgets")) {
            if (b.path("scope").asText().equals("gateway")) {
                return b;
            }
        }
        throw new AssertionError("no gateway budget in " + status.body());
    }

    private static final String CHAT = "{\"model\":\"cloud/big\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void refuseAnswers429BudgetExceededWithRetryAfterUntilTheResetAndContactsNothing() throws Exception {
        start(config("refuse"));

        HttpResponse<String> first = post("/v1/chat/completions", CHAT);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("from the cloud");

        HttpResponse<String> refused = post("/v1/chat/completions", CHAT);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).contains("86400");
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("budget gateway daily", "spent $0.035", "of $0.13",
                "resets at 2026-01-02T00:00:00Z");
        assertThat(refused.headers().firstValue("x-clawgate-attempts")).contains("cloud/big=skipped-budget");

        HttpResponse<String> anthropic = post("/v1/messages", "{\"model\":\"cloud/big\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("retry-after")).contains("86400");
        assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(anthropic.body()).contains("Budget exceeded");

        assertThat(cloud.requestsTo("/v1/chat/completions")).as("only the call that fitted reached the hosted model").isEqualTo(1);
        assertThat(local.requestsTo("/v1/chat/completions")).as("refuse does not fall back to the local model").isZero();
        JsonNode budget = gatewayBudget();
        assertThat(budget.path("period").asText()).isEqualTo("daily");
        assertThat(budget.path("limitUsd").asDouble()).isEqualTo(0.13);
        assertThat(budget.path("spentUsd").asDouble()).isEqualTo(0.035);
        assertThat(budget.path("reservedUsd").asDouble()).isZero();
        assertThat(budget.path("resetsAt").asText()).isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void localOnlyDegradesToTheLocalModelAndSettledSpendSurvivesARestart() throws Exception {
        Path file = config("local-only");
        start(file);
        assertThat(post("/v1/chat/completions", CHAT).body()).contains("from the cloud");

        HttpResponse<String> degraded = post("/v1/chat/completions", CHAT);
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.body()).contains("from the local model");
        assertThat(degraded.headers().firstValue("x-clawgate-attempts"))
                .contains("cloud/big=skipped-budget,lmstudio/small=ok");
        assertThat(cloud.requestsTo("/v1/chat/completions")).isEqualTo(1);

        runtime.close();
        runtime = null;
        start(file);
        assertThat(gatewayBudget().path("spentUsd").asDouble()).isEqualTo(0.035);
        assertThat(post("/v1/chat/completions", CHAT).body()).contains("from the local model");
        assertThat(cloud.requestsTo("/v1/chat/completions")).as("still over budget after the restart").isEqualTo(1);
    }
}
