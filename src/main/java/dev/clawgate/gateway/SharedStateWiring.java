package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.config.StateConfig;
import dev.clawgate.state.ClusterView;
import dev.clawgate.state.StateEngines;
import dev.clawgate.state.memory.MemoryState;
import dev.clawgate.state.redis.RedisState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Chooses the state engine from {@code state.redis} (Redis when set, process memory otherwise) and reports on
 * it: the {@code clawgate.state.shared} gauge and the {@code cluster} part of {@code /clawgate/status}.
 */
final class SharedStateWiring {

    private SharedStateWiring() {}

    /** @param address where this instance listens, read when the cluster view is built */
    static StateEngines open(StateConfig state, Supplier<String> address, Clock clock) {
        String id = instanceId();
        if (state.redis() == null) {
            return MemoryState.open(clock, id, address);
        }
        try {
            return RedisState.open(state.redis().url(), state.redis().password(), id, address, clock);
        } catch (IllegalArgumentException e) {
            throw new GatewayStartException("state.redis " + state.redis().displayUrl()
                    + " is not a usable Redis URL; write it as redis://host:6379 (rediss:// for TLS)", e);
        }
    }

    /** {@code host-1a2b3c}: the host says where, the suffix tells two instances on one host apart. */
    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "instance";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static void registerGauge(StateEngines engines, MeterRegistry registry) {
        Gauge.builder("clawgate.state.shared", () -> engines.cluster().shared() ? 1 : 0)
                .description("1 while cooldowns, counters, turn locks and events are shared through the configured "
                        + "engine (Redis); 0 in one process or while it is down and each instance runs on local state")
                .register(registry);
    }

    /** The {@code cluster} object of {@code /clawgate/status}. */
    static void status(ClusterView cluster, ObjectNode root) {
        ObjectNode c = root.putObject("cluster");
        c.put("engine", cluster.engine()).put("shared", cluster.shared()).put("instance", cluster.instanceId());
        boolean degraded = !"memory".equals(cluster.engine()) && !cluster.shared();
        c.put("degraded", degraded);
        c.put("reason", cluster.degradedReason());
        ArrayNode list = c.putArray("instances");
        for (ClusterView.Instance i : cluster.instances()) {
            list.addObject().put("id", i.id()).put("address", i.address()).put("started", i.started().toString())
                    .put("lastSeen", i.lastSeen().toString());
        }
    }
}
