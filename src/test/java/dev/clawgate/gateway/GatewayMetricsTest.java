package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.wire.FailureClass;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The meters are looked up once per tag combination and reused: repeated calls add to the same series, other
 * tags get their own, and the scrape shows them exactly as when every call registered its meter.
 */
class GatewayMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void requestsWithTheSameTagsAddToOneSeriesAndOtherTagsGetTheirOwn() {
        metrics.request("chat_completions", "stub/m", 200, Duration.ofMillis(3), null);
        metrics.request("chat_completions", "stub/m", 200, Duration.ofMillis(5), null);
        metrics.request("chat_completions", "stub/m", 200, Duration.ofMillis(1), "team-a");
        metrics.request("chat_completions", "stub/m", 502, Duration.ofMillis(2), null);

        String scrape = metrics.scrape();

        assertThat(scrape)
                .contains("clawgate_gateway_requests_total{api=\"chat_completions\",key=\"none\",model=\"stub/m\",status=\"200\"} 2.0")
                .contains("clawgate_gateway_requests_total{api=\"chat_completions\",key=\"team-a\",model=\"stub/m\",status=\"200\"} 1.0")
                .contains("clawgate_gateway_requests_total{api=\"chat_completions\",key=\"none\",model=\"stub/m\",status=\"502\"} 1.0")
                .contains("gen_ai_server_request_duration_seconds_count{api=\"chat_completions\",error_type=\"none\","
                        + "gen_ai_response_model=\"stub/m\"} 3")
                .contains("gen_ai_server_request_duration_seconds_count{api=\"chat_completions\",error_type=\"502\","
                        + "gen_ai_response_model=\"stub/m\"} 1");
        assertThat(metrics.registry().find("clawgate.gateway.requests").counters()).hasSize(3);
    }

    @Test
    void upstreamContactsAndFailuresSumPerProviderAndClass() {
        metrics.upstreamContact(contact("stub", "local", 100, 1_000));
        metrics.upstreamContact(contact("stub", "local", 50, 500));
        metrics.upstreamContact(contact("cloud", null, 7, 9));
        metrics.upstreamFailure(FailureClass.SERVER_ERROR, "before_first_event");
        metrics.upstreamFailure(FailureClass.SERVER_ERROR, "before_first_event");
        metrics.upstreamFailure(FailureClass.SERVER_ERROR, "mid_stream");

        String scrape = metrics.scrape();

        assertThat(scrape)
                .contains("clawgate_upstream_requests_total{provider=\"stub\",region=\"local\"} 2.0")
                .contains("clawgate_upstream_bytes_sent_bytes_total{provider=\"stub\",region=\"local\"} 150.0")
                .contains("clawgate_upstream_bytes_received_bytes_total{provider=\"stub\",region=\"local\"} 1500.0")
                .contains("clawgate_upstream_requests_total{provider=\"cloud\",region=\"unknown\"} 1.0")
                .contains("clawgate_upstream_failures_total{class=\"" + FailureClass.SERVER_ERROR.label()
                        + "\",phase=\"before_first_event\"} 2.0")
                .contains("clawgate_upstream_failures_total{class=\"" + FailureClass.SERVER_ERROR.label()
                        + "\",phase=\"mid_stream\"} 1.0");
    }

    private static LedgerEntry contact(String provider, String region, long sent, long received) {
        return new LedgerEntry(Instant.EPOCH, "req_1", null, null, LedgerEntry.CHAT, provider, "127.0.0.1", region,
                provider + "/m", sent, received, 0, 0, BigDecimal.ZERO, "ok");
    }
}
