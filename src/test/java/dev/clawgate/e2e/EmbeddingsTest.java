package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/embeddings} through the whole gateway, with the official OpenAI SDK as the client: an
 * OpenAI-compatible upstream ({@code /v1/embeddings}), an Ollama one ({@code /api/embed}), failover from a dead
 * first candidate, and {@code kind: "embedding"} in the model list and out of chat.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private FakeUpstream compatible;
    private FakeUpstream ollama;
    private GatewayRuntime runtime;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        compatible = new FakeUpstream().on("/v1/embeddings", FakeUpstream.json("""
                {"object":"list","model":"embed-small","data":[
                  {"object":"embedding","index":1,"embedding":[0.5,-0.25,1.0]},
                  {"object":"embedding","index":0,"embedding":[0.125,0.0,-1.5]}],
                 "usage":{"prompt_tokens":7,"total_tokens":7}}"""));
        ollama = new FakeUpstream().on("/api/embed", FakeUpstream.json("""
                {"model":"nomic-embed-text","embeddings":[[0.75,0.5]],"prompt_eval_count":4}"""));
        FakeUpstream dead = new FakeUpstream();
        String deadUrl = dead.baseUrl();
        dead.close(); // connection refused from now on
        runtime = RuntimeUnderTest.start(home, """
            { agents: { defaults: { model: "box/qwen3-8b", workspace: "%s" },
                list: [{ id: "memory", model: { primary: "dead/embed", fallbacks: ["llama/nomic-embed-text"] } }] },
              models: { mode: "replace", providers: {
                box: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                  models: [{ id: "qwen3-8b" }, { id: "embed-small", kind: "embedding" }] },
                dead: { baseUrl: "%s", api: "openai-completions", models: [{ id: "embed", kind: "embedding" }] },
                llama: { baseUrl: "%s", api: "ollama", models: [{ id: "nomic-embed-text", kind: "embedding" }] } } } }
            """.formatted(home.resolve("ws"), compatible.baseUrl(), deadUrl, ollama.root()));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + runtime.port() + "/v1").apiKey("unused")
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
        compatible.close();
        ollama.close();
    }

    @Test
    void openAiCompatibleUpstreamAnswersTheSdkInInputOrderWithUsage() throws Exception {
        CreateEmbeddingResponse answer = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("box/embed-small").inputOfArrayOfStrings(List.of("first", "second")).dimensions(3).build());

        assertThat(answer.data()).hasSize(2);
        assertThat(answer.data().get(0).embedding()).containsExactly(0.125f, 0.0f, -1.5f);
        assertThat(answer.data().get(1).embedding()).containsExactly(0.5f, -0.25f, 1.0f);
        assertThat(answer.model()).isEqualTo("box/embed-small");
        assertThat(answer.usage().promptTokens()).isEqualTo(7);
        FakeUpstream.Request request = compatible.requests().stream()
                .filter(r -> r.path().equals("/v1/embeddings")).findFirst().orElseThrow();
        JsonNode sent = JSON.readTree(request.body());
        assertThat(sent.get("model").asText()).isEqualTo("embed-small");
        assertThat(sent.get("input")).hasSize(2);
        assertThat(sent.get("input").get(1).asText()).isEqualTo("second");
        assertThat(sent.get("dimensions").asInt()).isEqualTo(3);
        assertThat(request.headers()).containsEntry("authorization", "Bearer x");
    }

    @Test
    void deadFirstCandidateFailsOverToOllama() {
        HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings().withRawResponse().create(
                EmbeddingCreateParams.builder().model("dead/embed").input("remember this").build());

        CreateEmbeddingResponse answer = raw.parse();
        assertThat(answer.model()).isEqualTo("llama/nomic-embed-text");
        assertThat(answer.data().get(0).embedding()).containsExactly(0.75f, 0.5f);
        assertThat(answer.usage().promptTokens()).isEqualTo(4);
        assertThat(raw.headers().values("x-clawgate-attempts").get(0))
                .startsWith("dead/embed=connection-refused").endsWith("llama/nomic-embed-text=ok");
        assertThat(ollama.requestsTo("/api/embed")).isEqualTo(1);
        assertThat(ollama.requests().stream().filter(r -> r.path().equals("/api/embed")).findFirst().orElseThrow().body()).contains("\"input\":[\"remember this\"]")
                .contains("\"model\":\"nomic-embed-text\"");
    }

    @Test
    void embeddingModelsAreListedAsSuchAndRefusedForChat() throws Exception {
        HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + runtime.port() + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode listed = JSON.readTree(models.body()).get("data");
        JsonNode embed = null;
        JsonNode chat = null;
        for (JsonNode m : listed) {
            if (m.get("id").asText().equals("box/embed-small")) {
                embed = m;
            }
            if (m.get("id").asText().equals("box/qwen3-8b")) {
                chat = m;
            }
        }
        assertThat(embed).isNotNull();
        assertThat(embed.get("kind").asText()).isEqualTo("embedding");
        assertThat(chat).isNotNull();
        assertThat(chat.has("kind")).isFalse();

        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("box/embed-small").addUserMessage("hi").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("box/embed-small' is an embedding model")
                .hasMessageContaining("/v1/embeddings");
        assertThat(compatible.requestsTo("/v1/chat")).isZero(); // refused before any upstream was asked
    }

    @Test
    void wrongMethodAndBadInputAreClientErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + runtime.port() + "/v1/embeddings");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        HttpResponse<String> noInput = http.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"box/embed-small\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noInput.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noInput.body()).path("error").path("param").asText()).isEqualTo("input");
    }

    /** {@code encoding_format: "base64"} is OpenAI's: the float32 values, little-endian. */
    @Test
    void base64IsLittleEndianFloat32() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + runtime.port() + "/v1/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"llama/nomic-embed-text\",\"input\":\"x\",\"encoding_format\":\"base64\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        byte[] bytes = java.util.Base64.getDecoder().decode(
                JSON.readTree(answer.body()).at("/data/0/embedding").asText());
        java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        assertThat(floats.remaining()).isEqualTo(2);
        assertThat(floats.get(0)).isEqualTo(0.75f);
        assertThat(floats.get(1)).isEqualTo(0.5f);
    }
}
