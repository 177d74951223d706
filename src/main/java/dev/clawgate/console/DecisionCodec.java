package dev.clawgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.RoutingDecision;
import dev.clawgate.wire.FailureClass;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link RoutingDecision} as JSON text, for the event feed that other instances read. */
final class DecisionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionCodec() {}

    static String encode(RoutingDecision d) {
        ObjectNode n = JSON.createObjectNode().put("at", d.at().toEpochMilli()).put("requested", d.requested())
                .put("served", d.served()).put("tookMicros", d.took().toNanos() / 1000).put("error", d.error())
                .put("agentId", d.agentId());
        ArrayNode attempts = n.putArray("attempts");
        for (Attempt a : d.attempts()) {
            attempts.addObject().put("model", a.modelRef()).put("failure", a.failure() == null ? null : a.failure().name())
                    .put("status", a.status()).put("message", a.message())
                    .put("micros", a.duration() == null ? 0 : a.duration().toNanos() / 1000).put("skipped", a.skipped())
                    .put("probe", a.probe()).put("overBudget", a.overBudget());
        }
        return n.toString();
    }

    /** The decision, or null for text that is not one (another version's event). */
    static RoutingDecision decode(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<Attempt> attempts = new ArrayList<>();
            for (JsonNode a : n.path("attempts")) {
                FailureClass failure = a.hasNonNull("failure") ? FailureClass.valueOf(a.get("failure").asText()) : null;
                attempts.add(new Attempt(a.path("model").asText(), failure, a.path("status").asInt(),
                        a.path("message").asText(null), Duration.ofNanos(a.path("micros").asLong() * 1000),
                        a.path("skipped").asBoolean(), a.path("probe").asBoolean(), a.path("overBudget").asBoolean()));
            }
            return new RoutingDecision(Instant.ofEpochMilli(n.path("at").asLong()), n.path("requested").asText(null),
                    n.path("served").asText(null), attempts, Duration.ofNanos(n.path("tookMicros").asLong() * 1000),
                    n.path("error").asText(null), n.path("agentId").asText(null));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
