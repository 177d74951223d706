package dev.clawgate.routing;

import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;

import static dev.clawgate.testing.FakeUpstream.hang;
import static dev.clawgate.testing.FakeUpstream.json;
import static dev.clawgate.testing.FakeUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.ModelSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LocalModelStateTest {

    private final MutableClock clock = new MutableClock();
    private final LocalModelState probe = new LocalModelState(LocalModelState.defaultClient(Duration.ofSeconds(1)),
            clock, Duration.ofSeconds(1), Duration.ofSeconds(5));
    private FakeUpstream server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ModelSpec model(String api, String id) {
        String base = api.equals("ollama") ? server.root() : server.baseUrl();
        return Specs.model(Specs.provider("local", base, api, Duration.ofSeconds(120)), id, 32_768);
    }

    @Test
    void lmStudioNativeListTellsLoadedFromNotLoaded() throws Exception {
        server = new FakeUpstream().on("/api/v0/models", json("{\"object\":\"list\",\"data\":["
                + "{\"id\":\"qwen3-8b\",\"type\":\"llm\",\"state\":\"loaded\"},"
                + "{\"id\":\"minimax-m2.1-gs32\",\"type\":\"llm\",\"state\":\"not-loaded\"}]}"));

        assertThat(probe.check(model("openai-responses", "qwen3-8b"), Duration.ofSeconds(1)).kind())
                .isEqualTo(LoadState.Kind.LOADED);
        assertThat(probe.check(model("openai-responses", "minimax-m2.1-gs32"), Duration.ofSeconds(1)).kind())
                .isEqualTo(LoadState.Kind.NOT_LOADED);
        assertThat(probe.check(model("openai-responses", "absent"), Duration.ofSeconds(1)).kind())
                .isEqualTo(LoadState.Kind.UNKNOWN);
    }

    @Test
    void ollamaRunningThenPulled() throws Exception {
        server = new FakeUpstream()
                .on("/api/ps", json("{\"models\":[{\"name\":\"qwen3:8b\",\"model\":\"qwen3:8b\"}]}"))
                .on("/api/tags", json("{\"models\":[{\"name\":\"qwen3:8b\"},{\"name\":\"llama3.2:latest\"}]}"));

        assertThat(probe.check(model("ollama", "qwen3:8b"), null).kind()).isEqualTo(LoadState.Kind.LOADED);
        assertThat(probe.check(model("ollama", "llama3.2"), null).kind()).isEqualTo(LoadState.Kind.NOT_LOADED);
    }

    @Test
    void vllmAndLlamaCppModelLists() throws Exception {
        server = new FakeUpstream().on("/v1/models", json("{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen3-8B\","
                + "\"object\":\"model\",\"owned_by\":\"vllm\",\"max_model_len\":32768}]}"));
        assertThat(probe.check(model("openai-completions", "Qwen/Qwen3-8B"), null).kind())
                .isEqualTo(LoadState.Kind.LOADED);

        server.on("/v1/models", status(503, "application/json",
                "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}"));
        probe.invalidate();
        assertThat(probe.check(model("openai-completions", "Qwen/Qwen3-8B"), null).kind())
                .isEqualTo(LoadState.Kind.NOT_LOADED);
    }

    @Test
    void closedPortIsRefused() throws Exception {
        server = new FakeUpstream();
        ModelSpec m = model("openai-completions", "x");
        server.close();

        LoadState s = probe.check(m, null);

        assertThat(s.kind()).isEqualTo(LoadState.Kind.REFUSED);
        assertThat(s.dead()).isTrue();
        assertThat(s.detail()).contains("refused the connection");
    }

    @Test
    void hungServerIsNotAnsweringWithinTheCap() throws Exception {
        server = new FakeUpstream().on("/", hang());
        long t0 = System.nanoTime();

        LoadState s = probe.check(model("openai-completions", "x"), Duration.ofMillis(300));

        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(s.kind()).isEqualTo(LoadState.Kind.NOT_ANSWERING);
        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(900));
    }

    @Test
    void answersAreCachedForAFewSeconds() throws Exception {
        server = new FakeUpstream().on("/v1/models", json("{\"data\":[{\"id\":\"x\"}]}"));
        ModelSpec m = model("openai-completions", "x");

        probe.check(m, null);
        probe.check(m, null);
        long afterTwo = server.requestsTo("/v1/models");
        clock.advance(Duration.ofSeconds(5));
        probe.check(m, null);

        assertThat(afterTwo).isEqualTo(1);
        assertThat(server.requestsTo("/v1/models")).isEqualTo(2);
    }
}
