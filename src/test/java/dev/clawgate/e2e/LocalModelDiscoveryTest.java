package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.routing.CatalogChainResolver;
import dev.clawgate.routing.LocalModelDiscovery;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run-time discovery against loopback servers that list models Clawgate was not told about: a vLLM-style
 * {@code /v1/models}, LM Studio's {@code /api/v0/models} and Ollama's {@code /api/tags} + {@code /api/show}.
 */
@Timeout(30)
class LocalModelDiscoveryTest {

    private static final String VLLM_MODELS = """
            {"object":"list","data":[
              {"id":"declared","object":"model","max_model_len":8192},
              {"id":"Qwen/Qwen3-8B","object":"model","max_model_len":32768}]}""";

    @TempDir
    Path home;

    private FakeUpstream server;
    private GatewayRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aModelTheServerListsIsServedThroughTheGatewayAndOneItDoesNotIsRefusedNamingWhatItHas() throws Exception {
        server = new FakeUpstream().on("/v1/models", FakeUpstream.json(VLLM_MODELS))
                .on("/v1/chat/completions", FakeUpstream.answer("discovered"));
        Path config = home.resolve("openclaw.json");
        Files.writeString(config, """
                { agents: { defaults: { model: "box/declared" } },
                  models: { mode: "replace", providers: { box: { baseUrl: "%s", api: "openai-completions",
                    models: [{ id: "declared", name: "D" }] } } } }
                """.formatted(server.baseUrl()));
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());

        HttpResponse<String> ok = chat("box/Qwen/Qwen3-8B");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("discovered");
        assertThat(server.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).toList())
                .singleElement().satisfies(r -> assertThat(new ObjectMapper().readTree(r.body()).get("model").asText())
                        .isEqualTo("Qwen/Qwen3-8B"));

        HttpResponse<String> missing = chat("box/llama-9-giant");
        assertThat(missing.statusCode()).isBetween(400, 404);
        assertThat(missing.body()).contains("box/llama-9-giant").contains("Qwen/Qwen3-8B").contains("declared");
    }

    @Test
    void contextWindowComesFromVllmsMaxModelLen() throws Exception {
        server = new FakeUpstream().on("/v1/models", FakeUpstream.json(VLLM_MODELS));
        CatalogChainResolver resolver = resolver("""
                { agents: { defaults: { model: "box/Qwen/Qwen3-8B" } },
                  models: { mode: "replace", providers: { box: { baseUrl: "%s", models: [{ id: "declared" }] } } } }
                """.formatted(server.baseUrl()));
        ModelSpec primary = resolver.candidates(null, RouteOptions.DEFAULT).get(0);
        assertThat(primary.ref()).isEqualTo("box/Qwen/Qwen3-8B");
        assertThat(primary.contextWindow()).isEqualTo(32768);
    }

    @Test
    void lmStudioGivesTheLoadedContextElseTheMaximum() throws Exception {
        server = new FakeUpstream().on("/api/v0/models", FakeUpstream.json("""
                {"object":"list","data":[
                  {"id":"openai/gpt-oss-20b","state":"loaded","loaded_context_length":16384,"max_context_length":131072},
                  {"id":"qwen3-4b","state":"not-loaded","max_context_length":40960}]}"""));
        CatalogChainResolver resolver = resolver("""
                { models: { mode: "replace", providers: { lmstudio: { baseUrl: "%s", models: [{ id: "other" }] } } },
                  agents: { defaults: { model: "lmstudio/other" } } }
                """.formatted(server.baseUrl()));
        assertThat(resolver.candidates("lmstudio/openai/gpt-oss-20b", RouteOptions.DEFAULT).get(0).contextWindow())
                .isEqualTo(16384);
        assertThat(resolver.candidates("lmstudio/qwen3-4b", RouteOptions.DEFAULT).get(0).contextWindow()).isEqualTo(40960);
        assertThatThrownBy(() -> resolver.candidates("lmstudio/qwen3-14b", RouteOptions.DEFAULT))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("qwen3-4b").hasMessageContaining("openai/gpt-oss-20b");
    }

    @Test
    void ollamaListsItsTagsAndShowsTheTrainedContext() throws Exception {
        server = new FakeUpstream()
                .on("/api/tags", FakeUpstream.json("{\"models\":[{\"name\":\"llama3.3:latest\",\"model\":\"llama3.3:latest\"}]}"))
                .on("/api/ps", FakeUpstream.json("{\"models\":[]}"))
                .on("/api/show", FakeUpstream.json("{\"model_info\":{\"llama.context_length\":131072}}"));
        CatalogChainResolver resolver = resolver("""
                { models: { mode: "replace", providers: { ollama: { baseUrl: "%s", api: "ollama", models: [{ id: "x" }] } } },
                  agents: { defaults: { model: "ollama/llama3.3" } } }
                """.formatted(server.root()));
        List<ModelSpec> chain = resolver.candidates(null, RouteOptions.DEFAULT);
        assertThat(chain).singleElement().satisfies(m -> assertThat(m.contextWindow()).isEqualTo(131072));
        assertThat(server.requests().stream().filter(r -> r.path().equals("/api/show")).toList()).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("llama3.3"));
    }

    private CatalogChainResolver resolver(String configText) throws Exception {
        Path config = home.resolve("openclaw.json");
        Files.writeString(config, configText);
        Environment env = Environment.of(Map.of(), home);
        ModelCatalog catalog = ModelCatalog.build(new ConfigLoader(env).locateAndLoad(config).config(), env);
        return new CatalogChainResolver(() -> catalog, new LocalModelDiscovery(new MutableClock()));
    }

    private HttpResponse<String> chat(String model) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
