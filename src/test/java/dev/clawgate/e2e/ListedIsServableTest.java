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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With an allowlist, /v1/models offers exactly what a request may name, and error hints offer nothing else. */
@Timeout(30)
class ListedIsServableTest {

    @TempDir
    Path home;

    @Test
    void everyListedModelIsServedAndARefusedOneIsNeitherListedNorSuggested() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("ok"))) {
            Path config = home.resolve("clawgate.json5");
            Files.writeString(config, """
                { agents: { defaults: { model: { primary: "box/a" }, models: { "box/a": {}, "box/c": { alias: "cee" } } } },
                  models: { mode: "replace", providers: { box: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                    models: [{ id: "a", name: "A" }, { id: "b", name: "B" }, { id: "c", name: "C" }] } } } }
                """.formatted(upstream.baseUrl()));
            Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
            try (GatewayRuntime runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null),
                    new MutableClock())) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + runtime.port();
                JsonNode list = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                List<String> ids = new ArrayList<>();
                list.get("data").forEach(m -> ids.add(m.get("id").textValue()));
                assertThat(ids).contains("box/a", "box/c").doesNotContain("box/b");
                for (String id : ids) {
                    if (!id.startsWith("clawgate")) {
                        assertThat(chat(http, base, id).statusCode()).as(id).isEqualTo(200);
                    }
                }
                HttpResponse<String> refused = chat(http, base, "box/b");
                assertThat(refused.statusCode()).isEqualTo(404);
                assertThat(refused.body()).contains("allowlist");
                // named once, as the refused model, and never among the names offered instead
                assertThat(refused.body().split("box/b", -1)).hasSize(2);
            }
        }
    }

    private static HttpResponse<String> chat(HttpClient http, String base, String model) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions")).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
