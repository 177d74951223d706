package dev.clawgate.state.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.state.ClusterView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster view from heartbeats: every {@link #HEARTBEAT} each instance writes {@code id, address, started,
 * last seen} into the hash {@code clawgate:instances}; an instance is listed while its last heartbeat is under
 * {@link #SEEN_WITHIN} old and removed from the hash an hour after it stopped.
 */
final class RedisCluster implements ClusterView, AutoCloseable {

    static final String HASH = RedisLink.PREFIX + "instances";
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration SEEN_WITHIN = Duration.ofSeconds(10);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink link;
    private final Supplier<String> address;
    private final Instant started = Instant.now();
    private final Thread loop;

    RedisCluster(RedisLink link, Supplier<String> address) {
        this.link = link;
        this.address = address;
        beat();
        this.loop = link.repeat("clawgate-redis-heartbeat", HEARTBEAT, this::beat);
    }

    private void beat() {
        String value = JSON.createObjectNode().put("id", link.instanceId()).put("address", address.get())
                .put("started", started.toEpochMilli()).put("lastSeen", Instant.now().toEpochMilli()).toString();
        link.run(r -> r.hset(HASH, link.instanceId(), value));
    }

    @Override
    public String engine() {
        return "redis";
    }

    @Override
    public boolean shared() {
        return link.healthy();
    }

    @Override
    public String degradedReason() {
        return link.downReason();
    }

    @Override
    public String instanceId() {
        return link.instanceId();
    }

    @Override
    public List<Instance> instances() {
        Instant now = Instant.now();
        Instance self = new Instance(link.instanceId(), address.get(), started, now);
        return link.call(r -> {
            List<Instance> out = new ArrayList<>();
            r.hgetall(HASH).forEach((id, json) -> {
                Instance i = decode(json);
                if (i == null || i.lastSeen().isBefore(now.minus(FORGET_AFTER))) {
                    r.hdel(HASH, id);
                } else if (!i.lastSeen().isBefore(now.minus(SEEN_WITHIN))) {
                    out.add(i);
                }
            });
            if (out.stream().noneMatch(i -> i.id().equals(self.id()))) {
                out.add(self);
            }
            out.sort(Comparator.comparing(Instance::started).thenComparing(Instance::id));
            return out;
        }, () -> List.of(self));
    }

    private static Instance decode(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new Instance(n.path("id").asText(), n.path("address").asText(null),
                    Instant.ofEpochMilli(n.path("started").asLong()), Instant.ofEpochMilli(n.path("lastSeen").asLong()));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        loop.interrupt();
        link.run(r -> r.hdel(HASH, link.instanceId()));
    }
}
