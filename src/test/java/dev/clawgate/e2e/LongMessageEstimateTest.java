package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 4 MiB message without spaces through the gateway to an upstream that reports no usage: the gateway
 * estimates the prompt itself (by ratio over long runs: bounded work, see LongTextEstimationTest) and
 * answers with a plausible count.
 */
@Timeout(120)
class LongMessageEstimateTest {

    @TempDir
    Path home;

    @Test
    void fourMibWithoutSpacesIsEstimated() throws Exception {
        String noUsage = "data: {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}\n\n"
                + "data: {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        try (FakeUpstream upstream = new FakeUpstream()
                .on("/v1/chat/completions", FakeUpstream.status(200, "text/event-stream", noUsage))) {
            Path file = home.resolve("clawgate.json5");
            Files.writeString(file, "{ agents: { defaults: { model: { primary: \"local/m\" } } },\n"
                    + "  models: { providers: { local: { baseUrl: \"" + upstream.baseUrl() + "\","
                    + " api: \"openai-completions\", models: [{ id: \"m\" }] } } } }\n");
            try (GatewayRuntime runtime = GatewayRuntime.start(Environment.of(Map.of(), home), file,
                    new GatewayRuntime.Overrides(0, null), new MutableClock())) {
                Random random = new Random(3);
                char[] letters = new char[4 * 1024 * 1024];
                for (int i = 0; i < letters.length; i++) {
                    letters[i] = (char) ('a' + random.nextInt(26));
                }
                String body = "{\"model\":\"local/m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new String(letters)
                        + "\"}]}";
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + runtime.port() + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(100)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode usage = new ObjectMapper().readTree(r.body()).path("usage");
                assertThat(usage.path("prompt_tokens").asLong()).isBetween(letters.length / 8L, (long) letters.length);
                assertThat(usage.path("completion_tokens").asLong()).isEqualTo(1);
            }
        }
    }
}
