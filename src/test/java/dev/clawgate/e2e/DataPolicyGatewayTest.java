package dev.clawgate.e2e;

import static dev.clawgate.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * A data policy over real HTTP: {@code agents.defaults.privacy: { regions: ["eu", "local"] }} skips a 127.0.0.1
 * relay whose region says {@code us} without contacting it, answers from the EU provider, and a request with
 * nothing left is refused with 403 {@code data_policy_blocked} in each inbound API's error shape. What was
 * contacted is in {@code /clawgate/api/dataflow}, the Prometheus counters and {@code clawgate dataflow --json}.
 */
@Timeout(30)
class DataPolicyGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeUpstream relay;
    private FakeUpstream eu;
    private GatewayRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        relay = new FakeUpstream().on("/", answer("from the us relay"));
        eu = new FakeUpstream().on("/", answer("from the eu"));
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, "{ gateway: { auth: { mode: \"none\" } },\n"
                + "  agents: { defaults: { model: { primary: \"relay/big\", fallbacks: [\"euhost/small\"] },\n"
                + "    privacy: { regions: [\"eu\", \"local\"], dataCollection: \"deny\" } } },\n"
                + "  models: { providers: {\n"
                + "    relay: { baseUrl: \"" + relay.baseUrl() + "\", api: \"openai-completions\", region: \"us\","
                + " models: [{ id: \"big\" }, { id: \"other\" }] },\n"
                + "    euhost: { baseUrl: \"" + eu.baseUrl() + "\", api: \"openai-completions\", region: \"eu\","
                + " models: [{ id: \"small\" }] } } } }\n");
        runtime = GatewayRuntime.start(Environment.of(Map.of(), home), file, new GatewayRuntime.Overrides(0, null),
                java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        relay.close();
        eu.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01").header("x-request-id", "req-42")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                + path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void anOutOfRegionRelayIsSkippedWithoutContactAndNothingLeftIs403InEachApisShape() throws Exception {
        HttpResponse<String> answered = post("/v1/chat/completions",
                "{\"model\":\"relay/big\",\"messages\":[{\"role\":\"user\",\"content\":\"secret\"}]}");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("from the eu");
        assertThat(answered.headers().firstValue("x-clawgate-attempts"))
                .contains("relay/big=skipped-data-policy,euhost/small=ok");
        assertThat(relay.modelCalls()).isEmpty();

        // a model outside every chain is served alone: the policy leaves nothing
        HttpResponse<String> openai = post("/v1/chat/completions", "{\"model\":\"relay/other\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"secret\"}]}");
        assertThat(openai.statusCode()).as(openai.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(openai.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("data_policy_blocked");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("message").asText()).contains("privacy regions [eu, local]: relay/other is in region us");
        assertThat(openai.headers().firstValue("x-clawgate-attempts")).contains("relay/other=skipped-data-policy");

        HttpResponse<String> anthropic = post("/v1/messages", "{\"model\":\"relay/other\","
                + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"secret\"}]}");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        JsonNode anthropicBody = JSON.readTree(anthropic.body());
        assertThat(anthropicBody.path("type").asText()).isEqualTo("error");
        assertThat(anthropicBody.path("error").path("type").asText()).isEqualTo("permission_error");

        HttpResponse<String> responses = post("/v1/responses", "{\"model\":\"relay/other\","
                + "\"input\":\"secret\"}");
        assertThat(responses.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(responses.body()).path("error").path("code").asText()).isEqualTo("data_policy_blocked");
        assertThat(relay.modelCalls()).as("the out-of-region relay never received a byte").isEmpty();
    }

    @Test
    void whatLeftIsInTheDataflowApiTheMetricsAndTheCli() throws Exception {
        assertThat(post("/v1/chat/completions",
                "{\"model\":\"euhost/small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode())
                .isEqualTo(200);
        long sent = eu.modelCalls().get(0).body().getBytes(StandardCharsets.UTF_8).length;

        JsonNode flow = null;
        for (int i = 0; i < 100; i++) { // the ledger writes off the request path: wait for the row, bounded
            flow = JSON.readTree(get("/clawgate/api/dataflow?since=1h"));
            if (!flow.isEmpty()) {
                break;
            }
            eu.awaitRequests("/never", 1, Duration.ofMillis(50));
        }
        assertThat(flow).hasSize(1);
        JsonNode row = flow.get(0);
        assertThat(row.path("provider").asText()).isEqualTo("euhost");
        assertThat(row.path("host").asText()).isEqualTo("127.0.0.1:" + eu.port());
        assertThat(row.path("region").asText()).isEqualTo("eu");
        assertThat(row.path("requests").asLong()).isEqualTo(1);
        assertThat(row.path("bytesSent").asLong()).isEqualTo(sent);
        assertThat(row.path("bytesReceived").asLong()).isPositive();
        assertThat(row.path("tokensIn").asLong()).isEqualTo(5);

        assertThat(get("/metrics")).contains("clawgate_upstream_bytes_sent_bytes_total{provider=\"euhost\",region=\"eu\"}"
                + " " + sent + ".0");

        runtime.close(); // a graceful stop writes everything queued
        runtime = null;
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = dev.clawgate.cli.Main.commandLine(new dev.clawgate.cli.Main(
                Environment.of(Map.of(), home)));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        assertThat(cli.execute("dataflow", "--json", "--since", "1h")).as(err.toString()).isZero();
        JsonNode printed = JSON.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(printed).isEqualTo(row);
    }
}
