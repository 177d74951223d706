package dev.clawgate.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Starts a gateway on 127.0.0.1:0 with a {@link FakeRouter}; plain-HTTP helpers for raw-byte assertions. */
abstract class GatewayTestSupport {

    static final ModelDirectory MODELS = ModelDirectory.of(List.of(
            new ModelEntry("lmstudio/qwen3", "lmstudio", 32_768, List.of("local")),
            new ModelEntry("openrouter/moonshotai/kimi-k2", "openrouter", 131_072, List.of("kimi"))));

    final FakeRouter router = new FakeRouter();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    GatewayServer server;
    int port;

    int start(GatewaySettings settings) {
        return start(settings, ApiOptions.DEFAULT);
    }

    int start(GatewaySettings settings, ApiOptions options) {
        server = new GatewayServer(settings, router, MODELS).apiOptions(options);
        port = server.start();
        return port;
    }

    int start() {
        return start(GatewaySettings.loopback(0));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String CHAT_BODY = "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String CHAT_STREAM_BODY =
            "{\"model\":\"local\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String RESPONSES_STREAM_BODY = "{\"model\":\"local\",\"stream\":true,\"input\":\"hi\"}";
    static final String MESSAGES_BODY =
            "{\"model\":\"local\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String MESSAGES_STREAM_BODY =
            "{\"model\":\"local\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
}
