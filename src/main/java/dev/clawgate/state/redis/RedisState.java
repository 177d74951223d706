package dev.clawgate.state.redis;

import dev.clawgate.state.StateEngines;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.util.function.Supplier;

/** Every state port on one Redis (or Valkey), as {@code state.redis} configures it. */
public final class RedisState {

    private RedisState() {}

    /**
     * Connects (in the background when Redis is not up yet: the gateway starts on local state and switches when
     * it appears).
     *
     * @param url {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...} for TLS
     * @param password overrides the URL's password when not null
     * @param address where this instance listens, for the cluster view
     * @throws IllegalArgumentException when the URL cannot be a Redis address
     */
    public static StateEngines open(String url, String password, String instanceId, Supplier<String> address,
            Clock clock) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("state.redis is not a Redis URL (redis://host:port or rediss://host:port "
                    + "for TLS): " + e.getMessage(), e);
        }
        if (password != null && !password.isEmpty()) {
            uri.setAuthentication(password);
        }
        RedisLink link = new RedisLink(uri, instanceId);
        RedisCluster cluster = new RedisCluster(link, address);
        return new StateEngines(new RedisCooldowns(link), new RedisWindowCounters(link),
                new RedisReservationCounters(link, clock), new RedisTurnLocks(link, RedisTurnLocks.DEFAULT_LEASE),
                new RedisEventFeed(link), cluster, () -> {
                    cluster.close();
                    link.close();
                });
    }
}
