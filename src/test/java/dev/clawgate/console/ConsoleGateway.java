package dev.clawgate.console;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A real gateway on loopback with a token, two loopback upstreams and the default agent: {@code loop/m1}
 * (the agent's model, free and local) and its fallback {@code flaky/m2} (which a test can break).
 */
final class ConsoleGateway implements AutoCloseable {

    static final String TOKEN = "gw-ui-test-token";

    final FakeUpstream loop;
    final FakeUpstream flaky;
    final GatewayRuntime runtime;

    /** The {@code gateway} section's auth with {@link #TOKEN}. */
    static final String TOKEN_AUTH = "auth: { mode: \"token\", token: \"${CLAWGATE_TOKEN}\" }";

    /** @param gatewayJson5 the body of the {@code gateway} section, e.g. {@code TOKEN_AUTH + ", controlUi: {…}"} */
    ConsoleGateway(Path home, String gatewayJson5) throws IOException {
        loop = new FakeUpstream().on("/v1/models", FakeUpstream.json("{\"object\":\"list\",\"data\":[{\"id\":\"m1\",\"object\":\"model\"}]}"))
                .on("/v1/chat/completions", FakeUpstream.answer("Hello from loop one"));
        flaky = new FakeUpstream().on("/v1/models", FakeUpstream.json("{\"object\":\"list\",\"data\":[{\"id\":\"m2\",\"object\":\"model\"}]}"))
                .on("/v1/chat/completions", FakeUpstream.answer("flaky says hi"));
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, """
            { gateway: { %s },
              agents: { defaults: { model: { primary: "loop/m1", fallbacks: ["flaky/m2"] }, workspace: "%s" } },
              models: { mode: "replace", providers: {
                loop: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                  models: [{ id: "m1", name: "Loop One", contextWindow: 32768, maxTokens: 1024 }] },
                flaky: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                  models: [{ id: "m2", name: "Flaky Two", contextWindow: 32768, maxTokens: 1024 }] } } } }
            """.formatted(gatewayJson5, home.resolve("ws"), loop.baseUrl(), flaky.baseUrl()));
        Environment env = Environment.of(Map.of("CLAWGATE_TOKEN", TOKEN,
                "CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), Clock.systemUTC());
    }

    String origin() {
        return "http://127.0.0.1:" + runtime.port();
    }

    /** A model call straight to the OpenAI-style API, as any client would make it. */
    HttpResponse<String> chatCompletion(String model) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        runtime.close();
        loop.close();
        flaky.close();
    }
}
