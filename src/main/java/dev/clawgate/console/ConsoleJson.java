package dev.clawgate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.RoutingDecision;

/** JSON for the API: one mapper, and the shapes shared by several endpoints. */
final class ConsoleJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConsoleJson() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? object() : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConsoleApiException(400, "request body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code {at, requested, served, fellBack, reason, tookMs, error, attempts: [{model, outcome, ms, status, message}]}} */
    static ObjectNode decision(RoutingDecision d) {
        ObjectNode o = object();
        o.put("at", d.at().toString());
        o.put("requested", d.requested());
        o.put("agent", d.agentId());
        o.put("key", d.keyId());
        o.put("served", d.served());
        o.put("fellBack", d.fellBack());
        o.put("reason", d.fallbackReason());
        o.put("tookMs", d.took().toMillis());
        o.put("error", d.error());
        ArrayNode attempts = o.putArray("attempts");
        for (Attempt a : d.attempts()) {
            attempts.addObject().put("model", a.modelRef()).put("outcome", outcome(a))
                    .put("ms", a.duration().toMillis()).put("status", a.status()).put("message", a.message());
        }
        return o;
    }

    /** {@code ok}, {@code skipped} or the failure class label. */
    static String outcome(Attempt a) {
        if (a.succeeded()) {
            return "ok";
        }
        return a.skipped() ? "skipped" : a.failure().label();
    }
}
