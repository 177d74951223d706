package dev.clawgate.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.ModelCost;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.Http1Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ModelProbeTest {

    private static ModelSpec model(FakeUpstream server) {
        ProviderSpec p = new ProviderSpec("vllm", server.baseUrl(), "openai-completions", "sk-local", "config", Map.of(),
                false, Duration.ofSeconds(5), null, false, true);
        return new ModelSpec(p, "qwen3-8b", "Qwen3", "openai-completions", false, List.of("text"), ModelCost.FREE, 32768,
                null, 8192, null, true);
    }

    @Test
    void healthyModelReportsLatencyFirstTokenAndUsage() throws Exception {
        try (FakeUpstream server = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("OK"));
                Http1Transport transport = new Http1Transport()) {
            Finding f = new ModelProbe(new UpstreamAdapters(transport)::forApi, Duration.ofSeconds(5)).probe(model(server));
            assertThat(f.severity()).isEqualTo(Finding.Severity.OK);
            assertThat(f.problem()).matches("answered in \\d+ ms \\(first token \\d+ ms\\), usage reported");
            assertThat(server.requests().get(0).body()).contains("\"max_tokens\":8");
        }
    }

    @Test
    void badKeyIsAnErrorThatSaysToCheckTheKey() throws Exception {
        try (FakeUpstream server = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.status(401,
                "application/json", "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
                Http1Transport transport = new Http1Transport()) {
            Finding f = new ModelProbe(new UpstreamAdapters(transport)::forApi, Duration.ofSeconds(5)).probe(model(server));
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.problem()).contains("(HTTP 401)").contains("Incorrect API key provided");
            assertThat(f.fix()).startsWith("check the API key");
        }
    }
}
