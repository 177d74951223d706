package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The seed's two hybrid configs, unchanged except for where their servers live, end to end: a streaming
 * Chat Completions request (what {@code curl} or any OpenAI SDK sends) through the real gateway, router,
 * adapters and transport to loopback stand-ins for LM Studio (Responses API) and Anthropic (Messages API).
 */
@Timeout(30)
class SeedHybridConfigsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock();
    private GatewayRuntime runtime;
    private FakeUpstream lmStudio;
    private FakeUpstream anthropic;

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        for (FakeUpstream f : new FakeUpstream[] {lmStudio, anthropic}) {
            if (f != null) {
                f.close();
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The example config with LM Studio and Anthropic moved to the given loopback ports. */
    private Path config(String example, int lmStudioPort, int anthropicPort) throws IOException {
        String text = Files.readString(Path.of("examples", example))
                .replace("http://127.0.0.1:1234/v1", "http://127.0.0.1:" + lmStudioPort + "/v1")
                .replace("providers: {", "providers: {\n      anthropic: { baseUrl: \"http://127.0.0.1:" + anthropicPort + "\" },");
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, text);
        return file;
    }

    private void start(Path config) {
        runtime = GatewayRuntime.start(Environment.of(Map.of("ANTHROPIC_API_KEY", "sk-ant-test"), home), config,
                new GatewayRuntime.Overrides(0, null), clock);
    }

    record Answer(int status, Map<String, java.util.List<String>> headers, String text) {
        String header(String name) {
            return headers.getOrDefault(name, java.util.List.of()).stream().findFirst().orElse(null);
        }
    }

    /** POSTs a streaming chat completion and joins the content deltas, as a curl user would read them. */
    private Answer chat(String model) throws IOException, InterruptedException {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                        + "/v1/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        StringBuilder text = new StringBuilder();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode chunk = JSON.readTree(line.substring(6));
                for (JsonNode choice : chunk.path("choices")) {
                    text.append(choice.path("delta").path("content").asText(""));
                }
            }
        }
        return new Answer(r.statusCode(), r.headers().map(), text.toString());
    }

    @Test
    void hostedPrimaryDownLocalAnswers() throws Exception {
        lmStudio = new FakeUpstream().on("/v1/responses", FakeUpstream.answer("Hello from MiniMax"));
        start(config("hybrid-hosted-primary.json5", lmStudio.port(), closedPort()));

        Answer a = chat("Sonnet");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).isEqualTo("Hello from MiniMax");
        assertThat(a.header("x-clawgate-model")).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(a.header("x-clawgate-fallback-reason")).isEqualTo("connection-refused");
        assertThat(a.header("x-clawgate-attempts"))
                .isEqualTo("anthropic/claude-sonnet-4-5=connection-refused,lmstudio/minimax-m2.1-gs32=ok");
    }

    @Test
    void localPrimaryDownHostedAnswersThenLocalAgainAfterCooldown() throws Exception {
        int localPort = closedPort();
        anthropic = new FakeUpstream().on("/v1/messages", FakeUpstream.answer("Hello from Sonnet"));
        start(config("hybrid-local-first.json5", localPort, anthropic.port()));

        Answer first = chat("MiniMax Local");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text()).isEqualTo("Hello from Sonnet");
        assertThat(first.header("x-clawgate-model")).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(first.header("x-clawgate-fallback-reason")).isEqualTo("connection-refused");

        lmStudio = new FakeUpstream(localPort).on("/v1/responses", FakeUpstream.answer("Hello from MiniMax"));
        Answer whileCooling = chat("MiniMax Local");
        assertThat(whileCooling.header("x-clawgate-model")).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(lmStudio.requestsTo("/v1/responses")).isZero(); // skipped without paying its timeout again

        clock.advance(Duration.ofSeconds(31));
        Answer back = chat("MiniMax Local");
        assertThat(back.text()).isEqualTo("Hello from MiniMax");
        assertThat(back.header("x-clawgate-model")).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(back.header("x-clawgate-fallback-reason")).isNull();
    }

    @Test
    void validEditAppliesWithoutRestartInvalidEditKeepsLastGood() throws Exception {
        lmStudio = new FakeUpstream().on("/v1/responses", FakeUpstream.answer("ok"));
        Path file = config("hybrid-local-first.json5", lmStudio.port(), closedPort());
        start(file);
        assertThat(chat("MiniMax Local").text()).isEqualTo("ok");

        Files.writeString(file, Files.readString(file).replace("alias: \"MiniMax Local\"", "alias: \"Box\""));
        assertThat(runtime.reloadNow()).isTrue();
        assertThat(chat("Box").text()).isEqualTo("ok");
        assertThat(chat("MiniMax Local").status()).isEqualTo(404);

        Files.writeString(file, Files.readString(file).replace("primary: \"lmstudio/minimax-m2.1-gs32\"", "primay: 1"));
        assertThat(runtime.reloadNow()).isFalse();
        assertThat(chat("Box").text()).isEqualTo("ok");
        assertThat(runtime.catalog().aliases()).containsKey("Box");
    }

    @Test
    void cooldownStateSurvivesAConfigReload() throws Exception {
        anthropic = new FakeUpstream().on("/v1/messages", FakeUpstream.answer("Hello from Sonnet"));
        Path file = config("hybrid-local-first.json5", closedPort(), anthropic.port());
        start(file);
        assertThat(chat("MiniMax Local").header("x-clawgate-model")).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(runtime.router().cooldowns().snapshot()).extracting(c -> c.key()).contains("lmstudio/*");

        Files.writeString(file, Files.readString(file).replace("alias: \"Opus\"", "alias: \"Big\""));
        assertThat(runtime.reloadNow()).isTrue();

        assertThat(runtime.router().cooldowns().snapshot()).extracting(c -> c.key()).contains("lmstudio/*");
        Answer next = chat("MiniMax Local");
        assertThat(next.header("x-clawgate-attempts")).startsWith("lmstudio/minimax-m2.1-gs32=skipped");
        assertThat(next.header("x-clawgate-model")).isEqualTo("anthropic/claude-sonnet-4-5");
    }
}
