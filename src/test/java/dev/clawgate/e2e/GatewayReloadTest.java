package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A config edit under {@code gateway} applies to the running gateway: token and limits, not the address. */
@Timeout(30)
class GatewayReloadTest {

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private GatewayRuntime runtime;

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static String config(String token, String limits, int port) {
        return "{ gateway: { port: " + port + ", auth: { mode: \"token\", token: \"" + token + "\" }, limits: { "
                + limits + " } },\n"
                + "  agents: { defaults: { model: { primary: \"lmstudio/qwen3\" } } },\n"
                + "  models: { providers: { lmstudio: { baseUrl: \"http://127.0.0.1:9/v1\", api: \"openai-completions\","
                + " models: [{ id: \"qwen3\" }] } } } }\n";
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                .timeout(Duration.ofSeconds(10)).header("authorization", "Bearer " + token)
                .header("content-type", "application/json");
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenAndLimitsApplyOnReloadTheListenAddressWaitsForARestart() throws Exception {
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, config("old-token-123456", "maxRequestBytes: 65536", 18789));
        runtime = GatewayRuntime.start(Environment.of(Map.of(), home), file, new GatewayRuntime.Overrides(0, null),
                new MutableClock());
        int port = runtime.port();
        String big = "{\"model\":\"lmstudio/qwen3\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(4000)
                + "\"}]}";
        assertThat(send("GET", "/v1/models", "old-token-123456", null).statusCode()).isEqualTo(200);

        Files.writeString(file, config("new-token-654321", "maxRequestBytes: 2048", 18790));
        assertThat(runtime.reloadNow()).isTrue();

        assertThat(send("GET", "/v1/models", "old-token-123456", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v1/models", "new-token-654321", null).statusCode()).isEqualTo(200);
        HttpResponse<String> tooBig = send("POST", "/v1/chat/completions", "new-token-654321", big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("exceeds the limit of 2048 bytes");
        assertThat(runtime.port()).as("still on the port it started on").isEqualTo(port);
    }
}
