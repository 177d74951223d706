package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.gateway.GatewayStartException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenClaw's gateway settings over a real loopback gateway: {@code auth.mode: "password"} is enforced like a
 * token, and a bind Clawgate cannot honour ({@code tailnet}) validates but refuses to start, naming the
 * alternative.
 */
@Timeout(30)
class OpenClawGatewayAuthTest {

    @TempDir
    Path home;

    private FakeUpstream upstream;
    private GatewayRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void passwordModeAdmitsOnlyThePassword() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("hello"));
        Path config = write("""
                { gateway: { auth: { mode: "password", password: "${GW_PASSWORD}" } },
                  agents: { defaults: { model: "box/m" } },
                  models: { mode: "replace", providers: { box: { baseUrl: "%s", apiKey: "x",
                    models: [{ id: "m", name: "M" }] } } } }
                """.formatted(upstream.baseUrl()));
        Environment env = Environment.of(Map.of("GW_PASSWORD", "open sesame",
                "CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());

        assertThat(chat(null).statusCode()).isEqualTo(401);
        assertThat(chat("Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = chat("Bearer open sesame");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("hello");
    }

    @Test
    void passwordModeWithoutAPasswordDoesNotStart() throws Exception {
        assertThat(startFailure("{ gateway: { auth: { mode: \"password\" } } }"))
                .hasMessageContaining("gateway.auth.password is empty");
    }

    @Test
    void tailnetBindValidatesButRefusesToStartNamingTheAlternative() throws Exception {
        assertThat(startFailure("{ gateway: { bind: \"tailnet\" } }"))
                .hasMessageContaining("gateway.bind \"tailnet\" is not supported by Clawgate")
                .hasMessageContaining("gateway.bind: \"custom\" with customBindHost");
    }

    private GatewayStartException startFailure(String text) throws Exception {
        Path config = write(text);
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        return catchThrowableOfType(GatewayStartException.class, () -> runtime = GatewayRuntime.start(env, config,
                new GatewayRuntime.Overrides(0, null), new MutableClock()));
    }

    private Path write(String text) throws Exception {
        Path config = home.resolve("openclaw.json");
        Files.writeString(config, text);
        return config;
    }

    private HttpResponse<String> chat(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"box/m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
