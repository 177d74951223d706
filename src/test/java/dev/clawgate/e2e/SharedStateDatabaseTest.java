package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways with {@code state.database} on a real PostgreSQL, over real HTTP: a conversation started on one
 * instance continues on another (separate state directories, one database), and a database that goes away
 * fails agent turns quickly and cleanly while proxy calls go on, until it is back, with no restart.
 */
@Tag("postgres")
@Timeout(120)
class SharedStateDatabaseTest {

    @TempDir
    Path home;

    private FakeUpstream upstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void upstream() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("Noted."));
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private GatewayRuntime start(String instance, String databaseUrl) throws Exception {
        Path dir = home.resolve(instance);
        Files.createDirectories(dir);
        Path config = dir.resolve("clawgate.json5");
        Files.writeString(config, """
            { agents: { defaults: { model: "box/qwen3-8b", workspace: "%s" } },
              models: { mode: "replace", providers: { box: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                models: [{ id: "qwen3-8b", name: "Qwen3", contextWindow: 32768, maxTokens: 1024 }] } } },
              state: { database: { url: "${PG_URL}" } } }
            """.formatted(dir.resolve("ws"), upstream.baseUrl()));
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", dir.resolve("state").toString(),
                "PG_URL", databaseUrl), dir);
        return GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }

    private HttpResponse<String> chat(GatewayRuntime gateway, String model, String text) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"user\":\"ana\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnAnotherWithItsHistory() throws Exception {
        String url = PostgresServer.shared().newDatabaseUrl();
        try (GatewayRuntime first = start("one", url); GatewayRuntime second = start("two", url)) {
            assertThat(chat(first, "clawgate", "my name is Ana").statusCode()).isEqualTo(200);
            assertThat(chat(second, "clawgate", "what is my name?").statusCode()).isEqualTo(200);

            String seenBySecond = upstream.modelCalls().getLast().body();
            assertThat(seenBySecond).contains("my name is Ana").contains("Noted.").contains("what is my name?");
        }
        assertThat(entries(url)).isEqualTo(4);
    }

    /** Stops the JVM's shared server for a moment (test classes run one at a time) and always starts it again. */
    @Test
    void withTheDatabaseDownProxyCallsGoOnAndTurnsFailCleanlyUntilItIsBack() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.newDatabaseUrl();
        try (GatewayRuntime gateway = start("one", url)) {
            assertThat(chat(gateway, "clawgate", "first").statusCode()).isEqualTo(200);

            server.stop();
            try {
                assertThat(chat(gateway, "box/qwen3-8b", "plain proxy call").statusCode()).isEqualTo(200);
                HttpResponse<String> failed = chat(gateway, "clawgate", "lost");
                assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
                assertThat(failed.body()).contains("state database").contains("PostgreSQL 127.0.0.1:" + server.port());
            } finally {
                server.start();
            }
            assertThat(chat(gateway, "clawgate", "third").statusCode()).isEqualTo(200);
        }
        // the failed turn left nothing: two turns of two entries each
        assertThat(entries(url)).isEqualTo(4);
    }

    private static int entries(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM transcript_entries")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
