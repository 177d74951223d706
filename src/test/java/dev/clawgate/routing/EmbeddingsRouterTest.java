package dev.clawgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.embeddings.EmbeddingsClient;
import dev.clawgate.upstream.embeddings.EmbeddingsClients;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.EmbeddingRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embeddings router keeps the chat router's promises: local-only never contacts a hosted provider. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddingsRouterTest {

    private final Http1Transport transport = new Http1Transport();
    private final EmbeddingsClients real = new EmbeddingsClients(transport);
    /** Calls per model reference, counted before anything is sent. */
    private final Map<String, AtomicInteger> contacted = new ConcurrentHashMap<>();
    private FakeUpstream ollama;

    @AfterEach
    void close() {
        transport.close();
        if (ollama != null) {
            ollama.close();
        }
    }

    private EmbeddingsClient counting(String api) {
        EmbeddingsClient client = real.forApi(api);
        return client == null ? null : (request, model, options) -> {
            contacted.computeIfAbsent(model.ref(), k -> new AtomicInteger()).incrementAndGet();
            return client.embed(request, model, options);
        };
    }

    private EmbeddingsRouter router(List<ModelSpec> chain) {
        FailoverRouter chat = FailoverRouter.builder((r, o) -> chain, new UpstreamAdapters(transport)::forApi).build();
        return new EmbeddingsRouter((model, options) -> chain, this::counting, chat, Clock.systemUTC());
    }

    @Test
    void localOnlySkipsTheHostedCandidateWithoutContactingIt() throws Exception {
        ollama = new FakeUpstream().on("/api/embed", FakeUpstream.json(
                "{\"embeddings\":[[1.0,2.0]],\"prompt_eval_count\":2}"));
        ModelSpec hosted = Specs.model(Specs.provider("openai", "https://api.openai.com/v1", "openai-completions",
                Duration.ofSeconds(5)), "text-embedding-3-small", 8192);
        ModelSpec local = Specs.model(Specs.provider("ollama", ollama.root(), "ollama", Duration.ofSeconds(5)),
                "nomic-embed-text", 8192);

        EmbeddingsRouter.Routed routed = router(List.of(hosted, local)).embed(
                new EmbeddingRequest("openai/text-embedding-3-small", List.of("secret"), null),
                PrivacyPolicy.apply(RouteOptions.DEFAULT, dev.clawgate.config.PrivacyConfig.LOCAL_ONLY_POLICY));

        assertThat(routed.model()).isSameAs(local);
        assertThat(routed.result().vectors().get(0)).containsExactly(1.0f, 2.0f);
        assertThat(contacted).containsOnlyKeys("ollama/nomic-embed-text");
        assertThat(ollama.requestsTo("/api/embed")).isEqualTo(1);
        assertThat(routed.attempts().get(0).skipped()).isTrue();
        assertThat(routed.attempts().get(0).message()).isEqualTo(
                "privacy local-only: openai/text-embedding-3-small is hosted (api.openai.com) and was not contacted");

        assertThatThrownBy(() -> router(List.of(hosted)).embed(
                new EmbeddingRequest("openai/text-embedding-3-small", List.of("secret"), null),
                new RouteOptions(null, true)))
                .isInstanceOf(PrivacyBlockedException.class)
                .hasMessageContaining("configure a local embedding model");
        assertThat(contacted).doesNotContainKey("openai/text-embedding-3-small");
    }

    @Test
    void anApiWithoutEmbeddingsIsSkippedByName() throws Exception {
        ollama = new FakeUpstream().on("/api/embed", FakeUpstream.json("{\"embeddings\":[[0.5]]}"));
        ModelSpec local = Specs.model(Specs.provider("ollama", ollama.root(), "ollama", Duration.ofSeconds(5)),
                "nomic-embed-text", 8192);
        EmbeddingsRouter.Routed routed = router(List.of(Specs.sonnet(), local)).embed(
                new EmbeddingRequest(null, List.of("x"), null), RouteOptions.DEFAULT);

        assertThat(routed.attempts().get(0).message()).isEqualTo(
                "api 'anthropic-messages' serves no embeddings: not contacted");
        assertThat(contacted).containsOnlyKeys("ollama/nomic-embed-text");
        assertThat(routed.result().estimated()).isTrue(); // Ollama sent no prompt_eval_count
    }
}
