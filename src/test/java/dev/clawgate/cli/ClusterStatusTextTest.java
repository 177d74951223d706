package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The cluster lines of {@code clawgate models status}, from the gateway's {@code /clawgate/status}. */
class ClusterStatusTextTest {

    private static String text(String clusterJson) throws Exception {
        StringBuilder out = new StringBuilder();
        ClusterStatusText.append(new ObjectMapper().readTree(clusterJson), out);
        return out.toString();
    }

    @Test
    void listsTheInstancesSeenWhenStateIsShared() throws Exception {
        String out = text("""
                {"engine":"redis","shared":true,"instance":"h-1","degraded":false,"reason":null,"instances":[
                 {"id":"h-1","address":"127.0.0.1:18789","started":"2026-01-01T00:00:00Z","lastSeen":"2026-01-01T00:01:00Z"},
                 {"id":"h-2","address":"127.0.0.1:18790","started":"2026-01-01T00:00:05Z","lastSeen":"2026-01-01T00:01:00Z"}]}
                """);
        assertThat(out).contains("Cluster (redis): cooldowns, budgets, rate limits and turn locks shared",
                "Instances seen: 2", "- h-1 at 127.0.0.1:18789", "(this one)", "- h-2 at 127.0.0.1:18790");
    }

    @Test
    void saysDegradedWhileRedisIsDownAndNothingForOneProcess() throws Exception {
        assertThat(text("""
                {"engine":"redis","shared":false,"instance":"h-1","degraded":true,
                 "reason":"Redis at 127.0.0.1:6379 unreachable: refused","instances":[]}
                """)).contains("DEGRADED", "Redis at 127.0.0.1:6379 unreachable");
        assertThat(text("{\"engine\":\"memory\",\"shared\":false,\"instances\":[]}")).isEmpty();
    }
}
