package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.cli.Main;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.MutableClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Cooldown state lives in the gateway process; {@code clawgate models status} asks the running gateway. */
@Timeout(30)
class LiveStatusTest {

    @TempDir
    Path home;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void modelsStatusShowsTheRunningGatewaysCooldownsAndPrivacy() throws Exception {
        int gatewayPort = freePort();
        int deadLocal = freePort();
        String config = Files.readString(Path.of("examples", "hybrid-local-first.json5"))
                .replace("http://127.0.0.1:1234/v1", "http://127.0.0.1:" + deadLocal + "/v1")
                .replace("agents: {\n    defaults: {", "gateway: { port: " + gatewayPort + ", auth: { mode: \"token\", token: \"${CLAWGATE_TOKEN}\" } },\n  agents: {\n    defaults: {\n      privacy: \"local-only\",");
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, config);
        Map<String, String> vars = Map.of("ANTHROPIC_API_KEY", "sk-ant-test", "CLAWGATE_TOKEN", "gw-secret-token");
        Environment env = Environment.of(vars, home);

        try (GatewayRuntime runtime = GatewayRuntime.start(env, file, GatewayRuntime.Overrides.NONE, new MutableClock())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + runtime.port() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer gw-secret-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"MiniMax Local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // local-only: the hosted Sonnet and Opus fallbacks are never contacted, so nothing can answer
            assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(r.body()).contains("local-only");

            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine(new Main(env));
            cli.setOut(new PrintWriter(out, true));
            cli.execute("models", "status", "--config", file.toString());

            assertThat(out.toString())
                    .contains("Privacy: local-only")
                    .contains("never contacted: anthropic/claude-sonnet-4-5 (api.anthropic.com), anthropic/claude-opus-4-6 (api.anthropic.com)")
                    .containsPattern("Cooldowns:\\n- lmstudio/\\S+: connection-refused, \\d+ s left, 1 failure")
                    .doesNotContain("gw-secret-token").doesNotContain("sk-ant-test");
        }
    }

    @Test
    void modelsStatusAsksTheGatewayNamedByGatewayUrl() throws Exception {
        int deadLocal = freePort();
        String config = Files.readString(Path.of("examples", "hybrid-local-first.json5"))
                .replace("http://127.0.0.1:1234/v1", "http://127.0.0.1:" + deadLocal + "/v1")
                .replace("agents: {\n    defaults: {", "agents: {\n    defaults: {\n      privacy: \"local-only\",");
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, config);
        Environment env = Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-ant-test"), home);
        // started elsewhere than the config says (as with 'clawgate gateway --port N')
        try (GatewayRuntime runtime = GatewayRuntime.start(env, file, new GatewayRuntime.Overrides(0, null),
                new MutableClock())) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + runtime.port() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"MiniMax Local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine(new Main(env));
            cli.setOut(new PrintWriter(out, true));
            int code = cli.execute("models", "status", "--config", file.toString(), "--gateway",
                    "http://127.0.0.1:" + runtime.port() + "/");

            assertThat(code).isZero();
            assertThat(out.toString()).containsPattern("Cooldowns:\\n- lmstudio/\\S+: connection-refused");
        }
    }
}
