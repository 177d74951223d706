package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The cluster part of {@code clawgate models status}: shown when the gateway shares state through Redis. */
final class ClusterStatusText {

    private ClusterStatusText() {}

    static void append(JsonNode cluster, StringBuilder out) {
        if (cluster.isMissingNode() || "memory".equals(cluster.path("engine").asText("memory"))) {
            return; // one process: nothing shared to show
        }
        out.append('\n').append("Cluster (").append(cluster.path("engine").asText()).append("): ");
        if (cluster.path("degraded").asBoolean()) {
            out.append("DEGRADED, each instance on local state: ").append(cluster.path("reason").asText()).append('\n');
        } else {
            out.append("cooldowns, budgets, rate limits and turn locks shared\n");
        }
        JsonNode instances = cluster.path("instances");
        out.append("Instances seen: ").append(instances.size()).append('\n');
        for (JsonNode i : instances) {
            out.append("- ").append(i.path("id").asText()).append(" at ").append(i.path("address").asText("?"))
                    .append(", started ").append(i.path("started").asText()).append(", last seen ")
                    .append(i.path("lastSeen").asText())
                    .append(i.path("id").asText().equals(cluster.path("instance").asText()) ? " (this one)" : "")
                    .append('\n');
        }
    }
}
