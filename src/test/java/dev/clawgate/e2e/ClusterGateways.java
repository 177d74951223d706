package dev.clawgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Gateway instances of one cluster for the shared-state tests, each with its own state directory (as on separate
 * hosts) and the chain {@code a/m} then {@code b/m} on loopback stand-ins: {@code a/m} may cost $1 a call (1000
 * output tokens at $1000 per million), {@code b/m} is free. What they share is the {@code state} section.
 */
final class ClusterGateways {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterGateways() {}

    /**
     * Starts instance {@code n} under {@code home/instance<n>} on a free port.
     *
     * @param stateJson5 the body of the {@code state} section, where {@code ${PG_URL}} is {@code databaseUrl}
     * @param gatewayJson5 the body of the {@code gateway} section
     * @param databaseUrl the value of {@code PG_URL}, or null
     */
    static GatewayRuntime start(Path home, int n, String stateJson5, String gatewayJson5, String aUrl, String bUrl,
            String databaseUrl, Clock clock) throws IOException {
        Path dir = home.resolve("instance" + n);
        Files.createDirectories(dir);
        Path config = dir.resolve("clawgate.json5");
        Files.writeString(config, """
            { state: { %s },
              agents: { defaults: { model: { primary: "a/m", fallbacks: ["b/m"] }, workspace: "%s" } },
              gateway: { %s },
              models: { mode: "replace", providers: {
                a: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                  models: [{ id: "m", name: "m", maxTokens: 1000, cost: { input: 0, output: 1000 } }] },
                b: { baseUrl: "%s", api: "openai-completions", apiKey: "x", models: [{ id: "m", name: "m" }] } } } }
            """.formatted(stateJson5, dir.resolve("ws"), gatewayJson5, aUrl, bUrl));
        Map<String, String> vars = new HashMap<>(Map.of(StateDirectory.ENV, dir.resolve("state").toString()));
        if (databaseUrl != null) {
            vars.put("PG_URL", databaseUrl);
        }
        return GatewayRuntime.start(Environment.of(vars, dir), config, new GatewayRuntime.Overrides(0, null), clock);
    }

    /** The body of an agent turn of user {@code ana}'s session: {@code model: "clawgate"}. */
    static String turnBody(String text) {
        return "{\"model\":\"clawgate\",\"user\":\"ana\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** An agent turn of user {@code ana}'s session on {@code g}. */
    static HttpResponse<String> turn(GatewayRuntime g, String text) throws IOException, InterruptedException {
        return chat(g, turnBody(text));
    }

    /** A plain (proxied) call for {@code a/m}, served by the chain. */
    static HttpResponse<String> proxyCall(GatewayRuntime g) throws IOException, InterruptedException {
        return chat(g, FaultyChain.chatBody(false));
    }

    /** Whether {@code g}'s router holds {@code key} (a model or provider) in cooldown now. */
    static boolean cooling(GatewayRuntime g, String key, Clock clock) {
        return g.router().cooldowns().state(key).map(s -> s.coolingAt(clock.instant())).orElse(false);
    }

    static HttpResponse<String> chat(GatewayRuntime g, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} on {@code g}, which must answer 200 with JSON. */
    static JsonNode getJson(GatewayRuntime g, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** {@code GET /clawgate/status}. */
    static JsonNode status(GatewayRuntime g) throws IOException, InterruptedException {
        return getJson(g, "/clawgate/status");
    }

    /** The transcript entries stored in the PostgreSQL database at {@code url}. */
    static int transcriptEntries(String url) {
        return rows(url, "transcript_entries");
    }

    /** The rows of {@code table} in the PostgreSQL database at {@code url} (0 before it exists), for {@code Await}. */
    static int rows(String url, String table) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined table: its schema is not migrated yet
                return 0;
            }
            throw new IllegalStateException("counting " + table + ": " + e.getMessage(), e);
        }
    }
}
