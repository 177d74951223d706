package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.GatewayConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    @Test
    void configuredLimitsOverrideOnlyWhatTheySet() {
        GatewayConfig config = new GatewayConfig(18789, "loopback", null, null, Map.of(),
                new GatewayConfig.Limits(null, null, 5, 2000, null, null, null, null, null));
        GatewaySettings.Limits limits = GatewaySettings.from(config, null).limits();
        assertThat(limits.maxConcurrentCalls()).isEqualTo(2000);
        assertThat(limits.requestReceiveTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.maxRequestBytes()).isEqualTo(GatewaySettings.Limits.DEFAULTS.maxRequestBytes());
    }

    @Test
    void defaultsAllowAThousandOpenStreams() {
        assertThat(GatewaySettings.from(GatewayConfig.DEFAULT, null).limits().maxConcurrentCalls()).isGreaterThanOrEqualTo(1000);
    }
}
