package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clawgate gateway} as a separate process, the way a user starts it: with {@code HOME} pointing
 * elsewhere than the account's home it reads config and {@code .env} from there and keeps state where
 * {@code --state-dir} says; its first screen has no Helidon logging notice and names the config once.
 */
@Timeout(90)
class FirstStartTest {

    @TempDir
    Path home;

    @Test
    void gatewayHonoursHomeAndStateDirAndPrintsACleanFirstScreen() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Path dot = Files.createDirectories(home.resolve(".clawgate"));
        Files.writeString(dot.resolve(".env"), "FIRST_START_TOKEN=from-dot-env-token\n");
        Files.writeString(dot.resolve("clawgate.json5"), "{ gateway: { auth: { mode: \"token\", token: "
                + "\"${FIRST_START_TOKEN}\" } },\n  agents: { defaults: { model: { primary: \"local/m\" } } },\n"
                + "  models: { providers: { local: { baseUrl: \"http://127.0.0.1:" + deadPort + "/v1\","
                + " api: \"openai-completions\", models: [{ id: \"m\" }] } } } }\n");
        Path state = home.resolve("elsewhere-state");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.clawgate.cli.Main", "gateway", "--port", "0", "--state-dir", state.toString())
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString()); // the JVM's user.home stays the account's
        pb.environment().remove("CLAWGATE_STATE_DIR");
        pb.environment().remove("CLAWGATE_CONFIG");
        Process gateway = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch firstScreen = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    if (line.startsWith("Default chain:")) {
                        firstScreen.countDown();
                    }
                }
            } catch (java.io.IOException ended) {
                // the process was stopped
            }
            firstScreen.countDown();
        });
        try {
            assertThat(firstScreen.await(60, TimeUnit.SECONDS)).as("first screen: %s", lines).isTrue();
            String screen = String.join("\n", lines);
            assertThat(screen).doesNotContain("There is no Helidon logging implementation")
                    .contains("Config: " + dot.resolve("clawgate.json5"))
                    .doesNotContain("built-in default (built-in default")
                    .containsPattern("Control UI: http://127\\.0\\.0\\.1:\\d+/");
            assertThat(screen.split("listening on", -1)).as("said once: %s", screen).hasSize(2);
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(screen);
            assertThat(m.find()).as(screen).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models"))
                    .header("authorization", "Bearer from-dot-env-token").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).as("token from $HOME/.clawgate/.env").isEqualTo(200);

            http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .header("authorization", "Bearer from-dot-env-token").header("content-type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"clawgate\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.resolve("sessions.db")).as("agent state in --state-dir").exists();
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(15, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            reader.join(Duration.ofSeconds(5));
        }
    }
}
