package dev.clawgate.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.CooldownState;
import dev.clawgate.routing.CooldownTracker;
import dev.clawgate.routing.RoutingDecision;
import dev.clawgate.wire.FailureClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The overview: every model of every chain as a card (state, cooldown time left and reason, the last call's
 * whole duration and its time to first event, served and fell-back counts of the last hour by reason) and the
 * gateway's uptime, open streams and requests per second.
 */
final class ModelBoard {

    /** Failures that mean the server is not there at all, as opposed to a model that is unwell. */
    private static final Set<FailureClass> DOWN = EnumSet.of(FailureClass.CONNECTION_REFUSED,
            FailureClass.CONNECTION_RESET, FailureClass.DNS, FailureClass.TLS);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final Supplier<ModelCatalog> catalog;
    private final CooldownTracker cooldowns;
    private final DecisionFeed feed;
    private final IntSupplier openStreams;
    private final Clock clock;
    private final Instant started;

    ModelBoard(Supplier<ModelCatalog> catalog, CooldownTracker cooldowns, DecisionFeed feed, IntSupplier openStreams,
            Clock clock) {
        this.catalog = catalog;
        this.cooldowns = cooldowns;
        this.feed = feed;
        this.openStreams = openStreams;
        this.clock = clock;
        this.started = clock.instant();
    }

    ObjectNode overview() {
        Instant now = clock.instant();
        List<RoutingDecision> hour = feed.lastHour();
        ModelCatalog c = catalog.get();
        ObjectNode root = ConsoleJson.object();
        ObjectNode gateway = root.putObject("gateway");
        gateway.put("uptimeSeconds", Duration.between(started, now).toSeconds());
        gateway.put("openStreams", openStreams.getAsInt());
        long inWindow = hour.stream().filter(d -> d.at().isAfter(now.minus(RATE_WINDOW))).count();
        gateway.put("requestsPerSecond", Math.round(inWindow * 10.0 / RATE_WINDOW.toSeconds()) / 10.0);
        gateway.put("decisionsLastHour", hour.size());
        ArrayNode models = root.putArray("models");
        for (ModelSpec m : c.modelsInUse()) {
            models.add(card(c, m, hour, now));
        }
        return root;
    }

    private ObjectNode card(ModelCatalog c, ModelSpec m, List<RoutingDecision> hour, Instant now) {
        ObjectNode o = ConsoleJson.object();
        o.put("ref", m.ref());
        o.put("alias", c.aliasFor(m.ref()).orElse(null));
        o.put("name", m.name());
        o.put("provider", m.provider().id());
        o.put("local", m.provider().isLocal());
        state(o, m, now);
        Map<String, Integer> fellBackBy = new TreeMap<>();
        int served = 0;
        Attempt last = null;
        RoutingDecision lastDecision = null;
        for (RoutingDecision d : hour) {
            if (m.ref().equals(d.served())) {
                served++;
            }
            for (Attempt a : d.attempts()) {
                if (!a.modelRef().equals(m.ref())) {
                    continue;
                }
                if (!a.skipped()) {
                    last = a;
                    lastDecision = d;
                }
                if (!a.succeeded() && d.served() != null && !m.ref().equals(d.served())) {
                    fellBackBy.merge(ConsoleJson.outcome(a), 1, Integer::sum);
                }
            }
        }
        o.put("servedLastHour", served);
        o.put("fellBackLastHour", fellBackBy.values().stream().mapToInt(Integer::intValue).sum());
        ObjectNode by = o.putObject("fellBackByReason");
        fellBackBy.forEach(by::put);
        if (last != null) {
            o.put("lastOutcome", ConsoleJson.outcome(last));
            o.put("lastLatencyMs", lastLatency(m, last, lastDecision));
        }
        o.put("lastTtftMs", lastTtft(m, hour));
        return o;
    }

    /**
     * How long the model's last call took: a failure, until it failed; an answer, until its stream ended (null
     * while it still streams, or when another instance served it: only the first event's time travels).
     */
    private Long lastLatency(ModelSpec m, Attempt last, RoutingDecision decision) {
        if (!last.succeeded()) {
            return last.duration().toMillis();
        }
        return feed.lastCompleted(m.ref()).filter(c -> c.decision().equals(decision))
                .map(c -> c.total().toMillis()).orElse(null);
    }

    /** Time to the first event of the last answer this model gave (the router reads it before failover ends). */
    private static Long lastTtft(ModelSpec m, List<RoutingDecision> hour) {
        for (int i = hour.size() - 1; i >= 0; i--) {
            for (Attempt a : hour.get(i).attempts()) {
                if (a.modelRef().equals(m.ref()) && a.succeeded()) {
                    return a.duration().toMillis();
                }
            }
        }
        return null;
    }

    private void state(ObjectNode o, ModelSpec m, Instant now) {
        if (!m.provider().authAvailable()) {
            o.put("state", "no-key");
            o.put("detail", "no API key for " + m.provider().id());
            return;
        }
        Optional<CooldownState> provider = cooldowns.state(CooldownTracker.providerKey(m.provider().id()))
                .filter(s -> s.coolingAt(now));
        Optional<CooldownState> model = cooldowns.state(CooldownTracker.modelKey(m)).filter(s -> s.coolingAt(now));
        Optional<CooldownState> blocking = provider.isPresent() ? provider : model;
        if (blocking.isEmpty()) {
            o.put("state", "healthy");
            return;
        }
        CooldownState s = blocking.get();
        String state = s.reason() != null && DOWN.contains(s.reason()) ? "down"
                : m.provider().isLocal() && s.reason() == FailureClass.MODEL_NOT_FOUND ? "loading" : "cooling";
        o.put("state", state);
        o.put("reason", s.reason() != null ? s.reason().label() : null);
        o.put("cooldownSecondsLeft", (s.remainingAt(now).toMillis() + 999) / 1000);
        o.put("cooldownUntil", s.until().toString());
        o.put("failures", s.failures());
        o.put("scope", s.key().endsWith("/*") ? "provider" : "model");
    }
}
