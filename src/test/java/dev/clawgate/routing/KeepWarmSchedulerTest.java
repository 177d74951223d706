package dev.clawgate.routing;

import dev.clawgate.testing.FakeUpstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class KeepWarmSchedulerTest {

    private static ModelSpec withKeepWarm(String baseUrl, String api, Object keepWarm) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        if (keepWarm instanceof String s) {
            params.put("keepWarm", s);
        } else if (keepWarm instanceof Integer n) {
            params.put("keepWarm", n);
        }
        return Specs.model(Specs.provider("local", baseUrl, api, Duration.ofSeconds(60), params), "qwen3:8b", 32_768);
    }

    @Test
    void intervalIsOffByDefaultAndNeverForHostedProviders() {
        assertThat(KeepWarmScheduler.interval(Specs.localMinimax())).isEmpty();
        assertThat(KeepWarmScheduler.interval(withKeepWarm("http://127.0.0.1:11434", "ollama", "5m")))
                .contains(Duration.ofMinutes(5));
        assertThat(KeepWarmScheduler.interval(withKeepWarm("http://gpu-box:11434", "ollama", 90)))
                .contains(Duration.ofSeconds(90));
        assertThat(KeepWarmScheduler.interval(withKeepWarm("http://127.0.0.1:11434", "ollama", "1s")))
                .contains(KeepWarmScheduler.MIN_INTERVAL);
        assertThat(KeepWarmScheduler.interval(withKeepWarm("https://api.openai.com/v1", "openai-responses", "5m")))
                .isEmpty();
        assertThat(KeepWarmScheduler.parseDuration("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(KeepWarmScheduler.parseDuration("soon")).isNull();
    }

    @Test
    void pingsAtOnceAndStopsWhenClosed() throws Exception {
        CountDownLatch pinged = new CountDownLatch(1);
        ModelSpec warm = withKeepWarm("http://127.0.0.1:11434", "ollama", "5m");
        KeepWarmScheduler scheduler = new KeepWarmScheduler((m, every) -> pinged.countDown());

        assertThat(scheduler.start(List.of(warm, Specs.localMinimax(), Specs.sonnet()))).isEqualTo(1);
        assertThat(pinged.await(5, TimeUnit.SECONDS)).isTrue();
        scheduler.close();
    }

    @Test
    void ollamaPingLoadsWithoutGeneratingAndOutlastsTheInterval() throws Exception {
        try (FakeUpstream ollama = new FakeUpstream().on("/api/generate", FakeUpstream.json("{\"done\":true}"))) {
            ModelSpec warm = withKeepWarm(ollama.root(), "ollama", "5m");

            KeepWarmScheduler.standard(LocalModelState.defaultClient(Duration.ofSeconds(1)), api -> null)
                    .ping(warm, Duration.ofMinutes(5));

            FakeUpstream.Request r = ollama.requests().get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/generate");
            assertThat(r.body()).isEqualTo("{\"model\":\"qwen3:8b\",\"prompt\":\"\",\"keep_alive\":\"600s\"}");
        }
    }

    @Test
    void otherServersGetAOneTokenRequestThroughTheirAdapter() throws Exception {
        FakeAdapter adapter = new FakeAdapter("openai-completions");
        ModelSpec warm = withKeepWarm("http://127.0.0.1:1234/v1", "openai-completions", "5m");

        KeepWarmScheduler.standard(LocalModelState.defaultClient(Duration.ofSeconds(1)), api -> adapter)
                .ping(warm, Duration.ofMinutes(5));

        assertThat(adapter.calls).containsExactly("local/qwen3:8b");
    }
}
