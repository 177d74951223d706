package dev.clawgate.state.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to Redis and whether they work. A background loop connects, pings every
 * {@link #CHECK_INTERVAL} and flips one healthy flag; the hot path reads the flag and, while it is down, uses
 * in-process state at once instead of waiting for a connect timeout. Commands are rejected (not queued) while
 * disconnected, so a request never waits on a Redis that has gone. Going down and coming back are each logged
 * once; coming back runs the resynchronisation callbacks.
 */
final class RedisLink implements AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofMillis(200);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RECONNECT_DELAY = Duration.ofMillis(500);
    static final String PREFIX = "clawgate:";

    private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.state.redis");

    private final ClientResources resources;
    private final RedisClient client;
    private final String where;
    private final String instanceId;
    private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
    private final List<Runnable> onRecovered = new CopyOnWriteArrayList<>();
    private final Thread loop;
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean healthy;
    private volatile String downReason = "not connected yet";
    private volatile boolean closed;
    private boolean everUp;

    RedisLink(RedisURI uri, String instanceId) {
        this.where = uri.getHost() + ":" + uri.getPort();
        this.instanceId = instanceId;
        uri.setTimeout(COMMAND_TIMEOUT);
        // CLIENT LIST tells the instances' connections apart
        uri.setClientName("clawgate-" + instanceId.replaceAll("[^A-Za-z0-9._-]", "_"));
        // reconnect at a steady pace: Lettuce's default backoff would leave instances apart for up to 30 s after an outage
        this.resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_DELAY)).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .build());
        check(); // a Redis that is up at start is used from the first request
        this.loop = repeat("clawgate-redis-health", CHECK_INTERVAL, this::check);
    }

    String instanceId() {
        return instanceId;
    }

    String where() {
        return where;
    }

    boolean healthy() {
        return healthy && !closed;
    }

    String downReason() {
        return healthy() ? null : downReason;
    }

    /**
     * Runs each time Redis becomes reachable after {@code resync} was registered: after every return, and on the
     * first connection of an instance that started while Redis was down. Push local state, pull shared state.
     */
    void onRecovered(Runnable resync) {
        onRecovered.add(resync);
    }

    /** Delivers each message on {@code channel} (subscribed now and after every reconnect). */
    void subscribe(String channel, Consumer<String> messages) {
        channels.put(channel, messages);
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        if (p != null && healthy) {
            try {
                p.sync().subscribe(channel);
            } catch (RedisException e) {
                down(e);
            }
        }
    }

    /**
     * Runs {@code op} on Redis when it is up, else (or when the op fails) returns {@code fallback}'s answer; a
     * failure marks Redis down until the background check sees it back.
     */
    <T> T call(Function<RedisCommands<String, String>, T> op, Supplier<T> fallback) {
        StatefulRedisConnection<String, String> c = connection;
        if (!healthy() || c == null) {
            return fallback.get();
        }
        try {
            return op.apply(c.sync());
        } catch (RedisException e) {
            down(e);
            return fallback.get();
        }
    }

    /** Like {@link #call} for a write whose loss while Redis is down is repaired by the next resynchronisation. */
    void run(Consumer<RedisCommands<String, String>> op) {
        call(c -> {
            op.accept(c);
            return null;
        }, () -> null);
    }

    /** Runs {@code tick} every {@code every} on a virtual thread until this link closes or the thread is interrupted. */
    Thread repeat(String name, Duration every, Runnable tick) {
        return Thread.ofVirtual().name(name).start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(every); // a background cadence, never on a request's path
                } catch (InterruptedException e) {
                    return;
                }
                tick.run();
            }
        });
    }

    private void check() {
        try {
            if (connection == null) {
                connection = client.connect();
            }
            if (pubsub == null) {
                StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
                p.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        Consumer<String> handler = channels.get(channel);
                        if (handler != null) { // off the connection's event loop, in arrival order
                            deliveries.execute(() -> handler.accept(message));
                        }
                    }
                });
                pubsub = p;
            }
            connection.sync().ping();
            if (!pubsub.isOpen()) {
                throw new RedisException("the subscription connection is closed");
            }
            if (!healthy) {
                if (!channels.isEmpty()) {
                    pubsub.sync().subscribe(channels.keySet().toArray(String[]::new));
                }
                up();
            }
        } catch (RuntimeException e) {
            down(e);
        }
    }

    /** Only the health check calls this (one thread), so the callbacks of two returns never overlap. */
    private void up() {
        boolean recovered;
        synchronized (this) {
            if (healthy || closed) {
                return;
            }
            recovered = everUp;
            everUp = true;
            healthy = true;
            downReason = null;
        }
        // outside the monitor: a callback takes its own locks, and one whose command fails calls down(), which
        // takes this monitor; holding it here could deadlock with a thread that holds such a lock and fails too.
        // None is registered yet when Redis is up at construction; each reads the shared state when it registers.
        for (Runnable r : onRecovered) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("resynchronising with Redis at {} failed: {}", where, e.getMessage());
            }
        }
        if (recovered) {
            LOG.info("Redis at {} is reachable again: state is shared with the other instances again", where);
        } else {
            LOG.info("sharing state through Redis at {} as instance {}", where, instanceId);
        }
    }

    private synchronized void down(RuntimeException e) {
        if (closed) {
            return;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (healthy || !everUp && "not connected yet".equals(downReason)) {
            LOG.warn("Redis at {} is unreachable ({}): using in-process state (cooldowns, counters, locks) until it "
                    + "returns", where, reason);
        }
        healthy = false;
        downReason = "Redis at " + where + " unreachable: " + reason;
    }

    @Override
    public void close() {
        closed = true;
        if (loop != null) {
            loop.interrupt();
        }
        try {
            if (pubsub != null) {
                pubsub.close();
            }
            if (connection != null) {
                connection.close();
            }
        } finally {
            deliveries.shutdownNow();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
