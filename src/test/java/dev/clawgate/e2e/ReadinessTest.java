package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} comes from a real reachability probe of the default chain, and says only the status to
 * an unauthenticated caller; the detail is in the authenticated {@code /clawgate/status}.
 */
@Timeout(30)
class ReadinessTest {

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private GatewayRuntime runtime;
    private FakeUpstream server;

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void start(int upstreamPort) throws IOException {
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, "{ gateway: { auth: { mode: \"token\", token: \"secret-token-42\" } },\n"
                + "  agents: { defaults: { model: { primary: \"fault/ok.agent\" } } },\n"
                + "  models: { providers: { fault: { baseUrl: \"http://127.0.0.1:" + upstreamPort + "/v1\","
                + " api: \"openai-completions\", models: [{ id: \"ok.agent\" }] } } } }\n");
        runtime = GatewayRuntime.start(Environment.of(Map.of(), home), file, new GatewayRuntime.Overrides(0, null),
                new MutableClock());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void notReadyWhileNothingListensOnThePrimarysPort() throws Exception {
        start(closedPort());
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"not_ready\"}").doesNotContain("fault");
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> status = get("/clawgate/status", "authorization", "Bearer secret-token-42");
        assertThat(status.body()).contains("\"ready\":false").contains("fault/ok.agent (not reachable: ")
                .contains("refused the connection");
    }

    @Test
    void readyWhenThePrimarysServerAnswersItsModelList() throws Exception {
        server = new FakeUpstream().on("/v1/models", FakeUpstream.json("{\"object\":\"list\",\"data\":[]}"));
        start(server.port());
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(server.requestsTo("/v1/models")).isGreaterThanOrEqualTo(1);
    }
}
