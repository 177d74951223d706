package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code model: "clawgate"} runs a turn of the agent through the gateway, with the official OpenAI SDK as client. */
@Timeout(30)
class AgentTargetTest {

    @TempDir
    Path home;

    private FakeUpstream upstream;
    private GatewayRuntime runtime;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions",
                FakeUpstream.answer("<think>the user said hi</think>Hello from the agent"));
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, """
            { agents: { defaults: { model: "box/qwen3-8b", workspace: "%s" }, list: [{ id: "ops", tools: { profile: "minimal" } }] },
              models: { mode: "replace", providers: { box: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                models: [{ id: "qwen3-8b", name: "Qwen3", contextWindow: 32768, maxTokens: 1024 }] } } } }
            """.formatted(home.resolve("ws"), upstream.baseUrl()));
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + runtime.port() + "/v1").apiKey("unused")
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
        upstream.close();
    }

    private static ChatCompletionCreateParams ask(String model, String text, String user) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).user(user).build();
    }

    @Test
    void agentTurnStreamsOnlyTheReplyAndTheSessionRemembers() {
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask("clawgate", "hi", "ana"))) {
            s.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(streamed::append)));
        }
        assertThat(streamed.toString()).isEqualTo("Hello from the agent");

        var raw = client.chat().completions().withRawResponse().create(ask("clawgate", "and again", "ana"));
        // the model that served the turn, known before the first byte of the reply
        assertThat(raw.headers().values("x-clawgate-model")).containsExactly("box/qwen3-8b");
        ChatCompletion second = raw.parse();
        assertThat(second.choices().get(0).message().content()).contains("Hello from the agent");
        String lastUpstreamBody = upstream.modelCalls().getLast().body();
        // the session's own transcript is the history: the first exchange is replayed, reasoning-free
        assertThat(lastUpstreamBody).contains("\"hi\"").contains("Hello from the agent").contains("and again")
                .doesNotContain("the user said hi");
    }

    @Test
    void chatCommandsAreAnsweredByClawgateItself() {
        long before = upstream.requestsTo("/v1/chat");
        ChatCompletion status = client.chat().completions().create(ask("clawgate/ops", "/status", "bo"));
        assertThat(status.choices().get(0).message().content().orElseThrow()).contains("box/qwen3-8b");
        // no model call (resolving the undeclared local model may read the server's model list)
        assertThat(upstream.requestsTo("/v1/chat")).isEqualTo(before);
    }

    @Test
    void modelsListsAgentTargetsAndUnknownAgentsAre404() {
        assertThat(client.models().list().data()).extracting(m -> m.id()).startsWith("clawgate", "clawgate/ops");
        Assertions.assertThatThrownBy(() -> client.chat().completions().create(ask("clawgate/nobody", "hi", "x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
    }
}
