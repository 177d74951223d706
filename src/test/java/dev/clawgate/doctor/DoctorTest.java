package dev.clawgate.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.doctor.Finding.Severity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class DoctorTest {

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A loopback server answering fixed JSON per path; unknown paths get 404. */
    private int serve(Map<String, String> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"error\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
            int status = body == null ? 404 : body.startsWith("{\"status400") ? 400 : 200;
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private List<Finding> doctor(String json5, Map<String, String> env) throws IOException {
        Path file = dir.resolve("clawgate.json5");
        Files.writeString(file, json5);
        Environment environment = Environment.of(env, dir);
        ConfigLoader loader = new ConfigLoader(environment);
        LoadedConfig loaded = loader.load(loader.locate(file));
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), environment);
        return new Doctor(new ServerInventory(Duration.ofSeconds(2))).check(catalog, loaded.config().gateway());
    }

    private static String lmStudio(int port, String api, String primary, String fallbacks) {
        return """
            { agents: { defaults: { model: { primary: "%s", fallbacks: [%s] } } },
              models: { mode: "merge", providers: { lmstudio: { baseUrl: "http://127.0.0.1:%d/v1", apiKey: "lmstudio",
                api: "%s", models: [{ id: "minimax-m2.1-gs32", name: "MiniMax", contextWindow: 196608, maxTokens: 8192 }] } } } }
            """.formatted(primary, fallbacks, port, api);
    }

    private static Finding only(List<Finding> findings, String subject, Severity severity) {
        List<Finding> matching = findings.stream().filter(f -> f.subject().equals(subject) && f.severity() == severity).toList();
        assertThat(matching).as("findings for %s: %s", subject, findings).hasSize(1);
        return matching.get(0);
    }

    @Test
    void lmStudioNotRunningSaysSoAndHowToStartIt() throws IOException {
        int port = closedPort();
        Finding f = only(doctor(lmStudio(port, "openai-responses", "lmstudio/minimax-m2.1-gs32", "\"anthropic/claude-opus-4-6\""),
                Map.of("ANTHROPIC_API_KEY", "sk-ant")), "lmstudio", Severity.ERROR);
        assertThat(f.problem()).isEqualTo("LM Studio is not running at http://127.0.0.1:" + port + "/v1 (connection refused)");
        assertThat(f.fix()).contains("lms server start").contains("curl http://127.0.0.1:" + port + "/v1/models");
    }

    @Test
    void modelNotListedNotLoadedAndContextLargerThanLoaded() throws IOException {
        int port = serve(Map.of("GET /api/v0/models", """
                {"data":[{"id":"minimax-m2.1-gs32","state":"loaded","loaded_context_length":32768},
                         {"id":"qwen3-8b","state":"not-loaded"}]}""",
                "POST /v1/responses", "{\"status400\":true}"));
        List<Finding> findings = doctor(lmStudio(port, "openai-responses", "lmstudio/minimax-m2.1-gs32",
                "\"anthropic/claude-opus-4-6\""), Map.of("ANTHROPIC_API_KEY", "sk-ant"));
        Finding ctx = only(findings, "lmstudio/minimax-m2.1-gs32", Severity.WARNING);
        assertThat(ctx.problem()).contains("contextWindow is 196608 tokens but LM Studio runs \"minimax-m2.1-gs32\" with 32768");
        assertThat(ctx.fix()).startsWith("set contextWindow: 32768");
        assertThat(findings).noneMatch(f -> f.severity() == Severity.ERROR);
    }

    @Test
    void unlistedAndUnloadedModelsOnLmStudio() throws IOException {
        int port = serve(Map.of("GET /api/v0/models", """
                {"data":[{"id":"qwen3-8b","state":"loaded"}]}""", "POST /v1/responses", "{\"status400\":true}"));
        Finding f = only(doctor(lmStudio(port, "openai-responses", "lmstudio/minimax-m2.1-gs32", "\"anthropic/claude-opus-4-6\""),
                Map.of("ANTHROPIC_API_KEY", "sk-ant")), "lmstudio/minimax-m2.1-gs32", Severity.ERROR);
        assertThat(f.problem()).isEqualTo("LM Studio does not list \"minimax-m2.1-gs32\"; it lists: qwen3-8b");
        assertThat(f.fix()).contains("lms load minimax-m2.1-gs32");

        stop();
        port = serve(Map.of("GET /api/v0/models", """
                {"data":[{"id":"minimax-m2.1-gs32","state":"not-loaded"}]}""", "POST /v1/responses", "{\"status400\":true}"));
        Finding cold = only(doctor(lmStudio(port, "openai-responses", "lmstudio/minimax-m2.1-gs32",
                "\"anthropic/claude-opus-4-6\""), Map.of("ANTHROPIC_API_KEY", "sk-ant")), "lmstudio/minimax-m2.1-gs32",
                Severity.WARNING);
        assertThat(cold.problem()).contains("is not loaded").contains("cold load");
        assertThat(cold.fix()).contains("keepWarm");
    }

    @Test
    void responsesApiOnAServerWithoutResponsesSuggestsCompletions() throws IOException {
        // a vLLM/llama.cpp-like server: /v1/models with max_model_len, no /v1/responses
        int port = serve(Map.of("GET /v1/models", """
                {"object":"list","data":[{"id":"minimax-m2.1-gs32","object":"model","owned_by":"vllm","max_model_len":65536}]}"""));
        List<Finding> findings = doctor(lmStudio(port, "openai-responses", "lmstudio/minimax-m2.1-gs32",
                "\"anthropic/claude-opus-4-6\""), Map.of("ANTHROPIC_API_KEY", "sk-ant"));
        Finding f = only(findings, "lmstudio", Severity.ERROR);
        assertThat(f.problem()).contains("has no /responses endpoint (HTTP 404)");
        assertThat(f.fix()).isEqualTo("set models.providers.lmstudio.api: \"openai-completions\" (or upgrade the server)");
        assertThat(only(findings, "lmstudio/minimax-m2.1-gs32", Severity.WARNING).problem())
                .contains("with 65536");
    }

    @Test
    void aServerAnswering404ForAnUnknownModelHasResponsesAndIsProbedWithTheConfiguredModel() throws IOException {
        // vLLM and LM Studio: POST /v1/responses answers 404 "model does not exist" for a model they do not serve
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> probedWith = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            String body;
            if (path.equals("GET /v1/models")) {
                status = 200;
                body = "{\"object\":\"list\",\"data\":[{\"id\":\"minimax-m2.1-gs32\",\"object\":\"model\"}]}";
            } else if (path.equals("POST /v1/responses")) {
                probedWith.add(request);
                boolean known = request.contains("\"minimax-m2.1-gs32\"");
                status = known ? 400 : 404;
                body = known ? "{\"error\":{\"message\":\"input is required\"}}"
                        : "{\"error\":{\"message\":\"The model `` does not exist.\",\"type\":\"NotFoundError\",\"code\":404}}";
            } else {
                status = 404;
                body = "{\"detail\":\"Not Found\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        List<Finding> findings = doctor(lmStudio(server.getAddress().getPort(), "openai-responses",
                "lmstudio/minimax-m2.1-gs32", "\"anthropic/claude-opus-4-6\""), Map.of("ANTHROPIC_API_KEY", "sk-ant"));
        assertThat(findings).noneMatch(f -> f.problem().contains("/responses"));
        assertThat(probedWith).containsExactly("{\"model\":\"minimax-m2.1-gs32\"}");
    }

    @Test
    void ollamaModelNotPulled() throws IOException {
        int port = serve(Map.of("GET /api/tags", "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}",
                "GET /api/ps", "{\"models\":[]}"));
        String config = """
            { agents: { defaults: { model: { primary: "ollama/qwen3:8b", fallbacks: ["ollama/llama3.2"] } } },
              models: { providers: { ollama: { baseUrl: "http://127.0.0.1:%d", api: "ollama",
                models: [{ id: "qwen3:8b", name: "Qwen3" }, { id: "llama3.2", name: "Llama" }] } } } }
            """.formatted(port);
        List<Finding> findings = doctor(config, Map.of());
        assertThat(only(findings, "ollama/qwen3:8b", Severity.ERROR).fix()).startsWith("run `ollama pull qwen3:8b`");
        assertThat(only(findings, "ollama/llama3.2", Severity.WARNING).problem()).contains("is not loaded");
    }

    @Test
    void aPublicBindBehindATrustedProxyOrPasswordIsNotUnauthenticated() throws IOException {
        for (String auth : new String[] {"{ mode: \"trusted-proxy\", trustedProxy: { userHeader: \"x-u\" } }",
                "{ mode: \"password\", password: \"p\" }"}) {
            List<Finding> findings = doctor("""
                { agents: { defaults: { model: "remote/big" } },
                  models: { providers: { remote: { baseUrl: "https://models.example.com/v1", apiKey: "k",
                    models: [{ id: "big", name: "Big" }] } } },
                  gateway: { bind: "lan", trustedProxies: ["10.0.0.1"], auth: %s } }
                """.formatted(auth), Map.of());
            assertThat(findings).as(auth).noneMatch(f -> f.subject().equals("gateway"));
        }
    }

    @Test
    void missingKeyPlaintextRemoteSingleModelChainAndPublicBindWithoutAuth() throws IOException {
        String config = """
            { agents: { defaults: { model: "remote/big" } },
              models: { providers: { remote: { baseUrl: "http://models.example.com/v1",
                models: [{ id: "big", name: "Big" }] } } },
              gateway: { bind: "lan", auth: { mode: "none" } } }
            """;
        List<Finding> findings = doctor(config, Map.of());
        assertThat(only(findings, "remote", Severity.ERROR).fix()).startsWith("export REMOTE_API_KEY=...");
        assertThat(only(findings, "remote", Severity.WARNING).problem()).contains("plain http:// to a non-local host");
        assertThat(only(findings, "remote/big", Severity.WARNING).problem()).contains("no fallback");
        assertThat(only(findings, "gateway", Severity.ERROR).fix()).contains("gateway.auth.mode: \"token\"");
    }

    @Test
    void healthyLocalSetupHasNoProblemsAndShowsWhatTheServerHas() throws IOException {
        int port = serve(Map.of("GET /api/v0/models", """
                {"data":[{"id":"minimax-m2.1-gs32","state":"loaded","loaded_context_length":196608},
                  {"id":"qwen3-4b","state":"not-loaded"}]}""",
                "POST /v1/responses", "{\"status400\":true}"));
        List<Finding> findings = doctor(lmStudio(port, "openai-responses", "lmstudio/minimax-m2.1-gs32",
                "\"anthropic/claude-opus-4-6\""), Map.of("ANTHROPIC_API_KEY", "sk-ant"));
        assertThat(findings).filteredOn(Finding::needsFixing).isEmpty();
        assertThat(only(findings, "lmstudio", Severity.OK).problem()).contains("minimax-m2.1-gs32, qwen3-4b");
    }
}
