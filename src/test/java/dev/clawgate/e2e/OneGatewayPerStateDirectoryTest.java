package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.cli.Main;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.gateway.GatewayStartException;
import dev.clawgate.testing.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one state directory: the second refuses to start and names the first's pid and port;
 * once the first is gone (stopped, or killed with SIGKILL) the state directory is free again.
 */
class OneGatewayPerStateDirectoryTest {

    @TempDir
    Path home;

    private Path config;
    private Environment env;

    @BeforeEach
    void setUp() throws Exception {
        config = home.resolve("clawgate.json5");
        Files.writeString(config, """
            { agents: { defaults: { model: "box/m" } },
              models: { mode: "replace", providers: { box: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions",
                apiKey: "x", models: [{ id: "m" }] } } } }
            """);
        env = Environment.of(Map.of(StateDirectory.ENV, home.resolve("state").toString()), home);
    }

    private GatewayRuntime start() {
        return GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }

    @Test
    @Timeout(30)
    void aSecondGatewayInTheSameProcessRefusesNamingTheFirstsPidAndPort() {
        try (GatewayRuntime first = start()) {
            assertThatThrownBy(this::start).isInstanceOf(GatewayStartException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid() + ", port " + first.port())
                    .hasMessageContaining(home.resolve("state").toString()).hasMessageContaining(StateDirectory.ENV);
        }
        try (GatewayRuntime again = start()) {
            assertThat(again.port()).isPositive(); // stopping the first released the state directory
        }
    }

    @Test
    @Timeout(120)
    void aGatewayInAnotherProcessHoldsTheStateDirectoryUntilItIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "gateway", "--config", config.toString(), "--port", "0")
                .redirectError(home.resolve("child-stderr.txt").toFile());
        builder.environment().put(StateDirectory.ENV, home.resolve("state").toString());
        Process child = builder.start();
        try {
            String listening = firstLine(child);
            assertThat(listening).as("child stderr: %s", Files.readString(home.resolve("child-stderr.txt")))
                    .startsWith("Clawgate listening on http://127.0.0.1:");
            String port = listening.substring(listening.lastIndexOf(':') + 1).strip();

            assertThatThrownBy(this::start).isInstanceOf(GatewayStartException.class)
                    .hasMessageContaining("another Clawgate gateway (pid " + child.pid() + ", port " + port + ")");
        } finally {
            child.destroyForcibly(); // SIGKILL: the OS releases the file lock with the process
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (GatewayRuntime after = start()) {
            assertThat(after.port()).isPositive();
        }
    }

    private static String firstLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return "read failed: " + e;
            }
        });
        return line.get(90, TimeUnit.SECONDS);
    }
}
