package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.budget.BudgetStatus;
import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.channel.ChannelRuntime;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.routing.CooldownState;
import dev.clawgate.state.ClusterView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code GET /clawgate/status}: the live state a separate {@code clawgate models status} cannot see. */
final class GatewayStatus {

    private GatewayStatus() {}

    /**
     * @param ready with the detail {@code /ready} itself keeps from unauthenticated callers
     * @param budgets {@code [{scope, period, limitUsd, spentUsd, reservedUsd, resetsAt}]}
     * @param channels the chat channels, or null when none is enabled
     */
    static ObjectNode of(LoadedConfig config, ModelCatalog catalog, ReadinessCheck.Result ready,
            List<CooldownState> cooldowns, Instant now, ClusterView cluster, JsonNode budgets, ChannelRuntime channels) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("config", config.location().path() == null ? "built-in default" : config.location().path().toString());
        root.put("defaultChain", GatewayRuntime.chainText(catalog));
        DataPolicy privacy = DataPolicy.of(config.config().agents().defaults().privacy());
        root.put("privacy", privacy.restricts() ? privacy.describe() : null);
        root.putObject("readiness").put("ready", ready.ready()).put("detail", ready.detail());
        ArrayNode cooling = root.putArray("cooldowns");
        for (CooldownState s : cooldowns) {
            cooling.addObject().put("key", s.key()).put("reason", s.reason() == null ? null : s.reason().label())
                    .put("until", s.until().toString())
                    .put("remainingSeconds", Math.max(0, Duration.between(now, s.until()).toSeconds()))
                    .put("failures", s.failures()).put("probing", s.probing());
        }
        SharedStateWiring.status(cluster, root);
        root.set("budgets", budgets);
        if (channels != null) {
            ArrayNode list = root.putArray("channels");
            for (ChannelHealth h : channels.health()) {
                list.addObject().put("channel", h.channel()).put("state", h.state()).put("reason", h.reason())
                        .put("since", h.since().toString()).put("identity", h.identity());
            }
        }
        return root;
    }

    /** {@code {budgets: [{scope, period, limitUsd, spentUsd, reservedUsd, resetsAt}]}}: status and Control UI. */
    static ObjectNode budgets(List<BudgetStatus> status) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("budgets");
        status.forEach(b -> list.add(b.toJson()));
        return root;
    }
}
