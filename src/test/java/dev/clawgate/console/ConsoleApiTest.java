package dev.clawgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.testing.FakeUpstream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Control UI's JSON API and page shell over real HTTP, without a browser. */
@Timeout(30)
class ConsoleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path home;

    private ConsoleGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new ConsoleGateway(home, ConsoleGateway.TOKEN_AUTH + ", controlUi: { allowedOrigins: [\"https://ops.example.com\"] }");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.origin() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.origin() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String[] AUTH = {"Authorization", "Bearer " + ConsoleGateway.TOKEN};

    @Test
    void theShellLoadsWithoutATokenUnderAStrictPolicyButDataNeedsOne() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-security-policy")).hasValue(UiHeaders.CSP);
        assertThat(page.body()).contains("assets/app.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/assets/vendor/preact-htm.js").statusCode()).isEqualTo(200);
        assertThat(get("/assets/vendor/uPlot.js").statusCode()).isEqualTo(200);
        assertThat(get("/assets/../pom.xml").statusCode()).isIn(400, 401, 404);

        assertThat(get("/clawgate/api/overview").statusCode()).isEqualTo(401);
        assertThat(get("/clawgate/api/overview", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> overview = get("/clawgate/api/overview", AUTH);
        assertThat(overview.statusCode()).isEqualTo(200);
        JsonNode models = JSON.readTree(overview.body()).path("models");
        assertThat(models.findValuesAsText("ref")).containsExactly("loop/m1", "flaky/m2");
        assertThat(models.get(0).path("state").asText()).isEqualTo("healthy");
        assertThat(models.get(0).path("name").asText()).isEqualTo("Loop One");
    }

    @Test
    void aCallFromAnotherBrowserOriginIsRefusedUnlessListed() throws Exception {
        HttpResponse<String> evil = post("/clawgate/api/chat", "{\"text\":\"hi\"}", "Authorization", AUTH[1],
                "Origin", "https://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.body()).contains("gateway.controlUi.allowedOrigins");
        assertThat(get("/clawgate/api/agents", "Authorization", AUTH[1], "Origin", "https://ops.example.com").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aChatTurnStreamsAndLandsInTheSessionTheUsageAndTheDecisionFeed() throws Exception {
        HttpResponse<InputStream> chat = http.send(HttpRequest.newBuilder(URI.create(gateway.origin() + "/clawgate/api/chat"))
                .header("Authorization", AUTH[1]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(chat.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(chat.body(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                } else if (line.startsWith("data: ") && events.getLast().equals("done")) {
                    JsonNode done = JSON.readTree(line.substring(6));
                    assertThat(done.path("model").asText()).isEqualTo("loop/m1");
                    assertThat(done.path("reply").asText()).isEqualTo("Hello from loop one");
                }
            }
        }
        assertThat(events).startsWith("start").contains("delta").endsWith("done");

        JsonNode sessions = JSON.readTree(get("/clawgate/api/sessions", AUTH).body());
        assertThat(sessions.findValuesAsText("key")).contains("agent:main:main");
        JsonNode transcript = JSON.readTree(get("/clawgate/api/session?key=agent:main:main", AUTH).body());
        assertThat(transcript.path("items").findValuesAsText("text")).containsSubsequence("hello", "Hello from loop one");
        HttpResponse<String> export = get("/clawgate/api/session/export?key=agent:main:main", AUTH);
        assertThat(export.body().lines().count()).isGreaterThanOrEqualTo(3);

        JsonNode usage = JSON.readTree(get("/clawgate/api/usage?hours=1", AUTH).body());
        assertThat(usage.path("totals").path("requests").asInt()).isEqualTo(1);
        assertThat(usage.path("rows").get(0).path("local").asBoolean()).isTrue();
        assertThat(usage.path("series").path("model").path("loop/m1").path("tokens").toString()).containsPattern("[1-9]");

        JsonNode decisions = JSON.readTree(get("/clawgate/api/decisions", AUTH).body());
        assertThat(decisions.get(0).path("served").asText()).isEqualTo("loop/m1");

        // a call straight through the API counts too, under its own "agent"; an agent-target call is the
        // agent's turn and is not counted twice
        assertThat(gateway.chatCompletion("loop/m1").statusCode()).isEqualTo(200);
        assertThat(gateway.chatCompletion("clawgate").statusCode()).isEqualTo(200);
        JsonNode all = JSON.readTree(get("/clawgate/api/usage?hours=1", AUTH).body());
        assertThat(all.path("totals").path("requests").asInt()).isEqualTo(3);
        assertThat(all.path("series").path("agent").path("direct /v1").path("tokens").toString()).containsPattern("[1-9]");
        assertThat(all.path("rows").findValuesAsText("agent")).containsExactly("main", "direct /v1", "main");
        assertThat(decisions.get(0).path("agent").asText()).isEqualTo("main"); // the Routing page filters by it
        assertThat(decisions.get(0).path("attempts").get(0).path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void configShowsSourcesWithTheTokenRedacted() throws Exception {
        HttpResponse<String> config = get("/clawgate/api/config", AUTH);
        assertThat(config.body()).doesNotContain(ConsoleGateway.TOKEN).contains("clawgate.json5:");
        JsonNode values = JSON.readTree(config.body()).path("values");
        assertThat(values.findValuesAsText("path")).contains("gateway.auth.token", "models.providers.loop.baseUrl");
        assertThat(get("/clawgate/api/usage?hours=abc", AUTH).body()).contains("'hours' must be");

        gateway.flaky.close(); // the fallback's server goes away: the doctor says so, with a fix
        JsonNode doctor = JSON.readTree(post("/clawgate/api/doctor", "{}", AUTH).body());
        assertThat(doctor.path("findings").findValuesAsText("subject")).contains("flaky");
        assertThat(doctor.toString()).doesNotContain(ConsoleGateway.TOKEN);
    }

    @Test
    void slashCommandsWorkAsInTheCliAndUnknownAgentsAreNamed() throws Exception {
        HttpResponse<String> status = post("/clawgate/api/chat", "{\"text\":\"/status\"}", AUTH);
        assertThat(status.body()).contains("event: done").contains("\"command\":true").contains("loop/m1");
        HttpResponse<String> unknown = post("/clawgate/api/chat", "{\"agent\":\"nobody\",\"text\":\"hi\"}", AUTH);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no agent 'nobody'; configured: main");
        assertThat(post("/clawgate/api/chat", "{\"text\":\"\"}", AUTH).body()).contains("'text' is required");
    }

    @Test
    void aBasePathMovesThePagesAndDisablingTheUiRemovesPagesAndApi() throws Exception {
        Path other = java.nio.file.Files.createDirectories(home.resolve("based"));
        try (ConsoleGateway based = new ConsoleGateway(other, ConsoleGateway.TOKEN_AUTH + ", controlUi: { basePath: \"/ui\" }")) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(based.origin() + "/ui/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("assets/app.js");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(based.origin() + "/ui/assets/app.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> bare = http.send(HttpRequest.newBuilder(URI.create(based.origin() + "/ui")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bare.statusCode()).isEqualTo(301);
            assertThat(bare.headers().firstValue("location")).hasValue("/ui/");
            // the root is no page now, so it is behind the token like everything else
            assertThat(http.send(HttpRequest.newBuilder(URI.create(based.origin() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
        Path off = java.nio.file.Files.createDirectories(home.resolve("off"));
        try (ConsoleGateway disabled = new ConsoleGateway(off, ConsoleGateway.TOKEN_AUTH + ", controlUi: { enabled: false }")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(disabled.origin() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(disabled.origin() + "/clawgate/api/overview"))
                    .header("Authorization", AUTH[1]).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theOverviewShowsTheWholeCallAndTheTimeToFirstTokenApart() throws Exception {
        Duration pause = Duration.ofMillis(400);
        gateway.loop.on("/v1/chat/completions", FakeUpstream.answerWithPause("Hello, slowly", pause));
        HttpResponse<String> chat = post("/clawgate/api/chat", "{\"text\":\"hello\"}", AUTH);
        assertThat(chat.body()).contains("event: done").contains("Hello, slowly");

        JsonNode card = JSON.readTree(get("/clawgate/api/overview", AUTH).body()).path("models").get(0);
        assertThat(card.path("ref").asText()).isEqualTo("loop/m1");
        assertThat(card.path("lastOutcome").asText()).isEqualTo("ok");
        long firstToken = card.path("lastTtftMs").asLong();
        long whole = card.path("lastLatencyMs").asLong();
        // the upstream paused between its first text and its end: the whole call includes that, the first
        // token does not (each figure is truncated to whole milliseconds, hence the 1 ms)
        assertThat(whole - firstToken).as("whole call %d ms, first token %d ms", whole, firstToken)
                .isGreaterThanOrEqualTo(pause.toMillis() - 1);
    }

    @Test
    void aReplyThatFellBackNamesItsModelAndTheNotice() throws Exception {
        gateway.loop.on("/v1/chat/completions", FakeUpstream.status(503, "application/json",
                "{\"error\":{\"message\":\"loading model\"}}"));
        HttpResponse<String> chat = post("/clawgate/api/chat", "{\"text\":\"hello\"}", AUTH);
        String done = chat.body().lines().dropWhile(l -> !l.equals("event: done")).skip(1).findFirst().orElseThrow();
        JsonNode reply = JSON.readTree(done.substring("data: ".length()));
        assertThat(reply.path("model").asText()).isEqualTo("flaky/m2");
        assertThat(reply.path("reply").asText()).isEqualTo("flaky says hi");
        assertThat(reply.path("fallbackNotice").asText()).contains("flaky/m2");
        JsonNode overview = JSON.readTree(get("/clawgate/api/overview", AUTH).body());
        assertThat(overview.path("models").get(0).path("fellBackByReason").path("overloaded").asInt()).isEqualTo(1);
    }

    @Test
    void withoutATokenTheUiOpensDirectlyButOnlyUnderALoopbackName() throws Exception {
        Path open = java.nio.file.Files.createDirectories(home.resolve("open"));
        try (ConsoleGateway tokenless = new ConsoleGateway(open, "auth: { mode: \"none\" }")) {
            URI overview = URI.create(tokenless.origin() + "/clawgate/api/overview");
            assertThat(http.send(HttpRequest.newBuilder(overview).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            // a page whose own name resolves to 127.0.0.1 (DNS rebinding) is same-origin, and still refused
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", tokenless.runtime.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(("GET /clawgate/api/overview HTTP/1.1\r\nHost: evil.example:" + tokenless.runtime.port()
                        + "\r\nOrigin: http://evil.example:" + tokenless.runtime.port() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                StringBuilder answer = new StringBuilder();
                for (int c = in.read(); c != -1 && answer.length() < 4096 && answer.indexOf("a gateway token") < 0; c = in.read()) {
                    answer.append((char) c);
                }
                assertThat(answer.toString()).startsWith("HTTP/1.1 403").contains("is not a loopback address");
            }
        }
    }
}
