package dev.clawgate.state.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.state.SharedCooldowns;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Cooldowns in one Redis hash ({@code clawgate:cooldowns}, field = key), written through on every change and
 * announced on a channel, so other instances update their own copy within milliseconds; the hot path never reads
 * Redis. A half-open probe is owned through {@code SET NX PX} on {@code clawgate:probe:<key>}, so of all instances
 * exactly one sends it. While Redis is down everything is local (claims succeed); when it returns, this instance
 * pushes what it learned meanwhile and takes in what the others wrote.
 */
final class RedisCooldowns implements SharedCooldowns {

    static final String HASH = RedisLink.PREFIX + "cooldowns";
    static final String CHANNEL = RedisLink.PREFIX + "cooldown-changes";
    private static final String PROBE = RedisLink.PREFIX + "probe:";
    private static final String RELEASE_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final String HOLD_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink link;
    private volatile Listener listener;

    RedisCooldowns(RedisLink link) {
        this.link = link;
        link.subscribe(CHANNEL, this::received);
    }

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
        all().forEach(listener::changed); // what the other instances already know
        link.onRecovered(() -> resynchronise(listener));
    }

    /** After an outage: the newer of each key's two versions wins, on both sides (a failure seen is never lost). */
    private void resynchronise(Listener l) {
        Map<String, Cooldown> shared = all();
        l.local().forEach((key, mine) -> {
            Cooldown theirs = shared.get(key);
            if (theirs == null || theirs.lastFailureMillis() < mine.lastFailureMillis()) {
                put(key, mine);
            }
        });
        Map<String, Cooldown> local = l.local();
        shared.forEach((key, theirs) -> {
            Cooldown mine = local.get(key);
            if (mine == null || mine.lastFailureMillis() < theirs.lastFailureMillis()) {
                l.changed(key, theirs);
            }
        });
    }

    @Override
    public void put(String key, Cooldown c) {
        String value = encode(c).toString();
        link.run(r -> {
            r.hset(HASH, key, value);
            r.publish(CHANNEL, message(key, value));
        });
    }

    @Override
    public void remove(String key) {
        link.run(r -> {
            r.hdel(HASH, key);
            r.publish(CHANNEL, message(key, null));
        });
    }

    @Override
    public boolean claimProbe(String key, Duration lease) {
        return link.call(r -> "OK".equals(r.set(PROBE + key, link.instanceId(),
                SetArgs.Builder.nx().px(Math.max(1, lease.toMillis())))), () -> true);
    }

    @Override
    public void holdProbe(String key, Duration forHowLong) {
        if (forHowLong.toMillis() <= 0) {
            releaseProbe(key);
            return;
        }
        link.run(r -> r.eval(HOLD_IF_OWNER, ScriptOutputType.INTEGER, new String[] {PROBE + key}, link.instanceId(),
                Long.toString(forHowLong.toMillis())));
    }

    @Override
    public void releaseProbe(String key) {
        link.run(r -> r.eval(RELEASE_IF_OWNER, ScriptOutputType.INTEGER, new String[] {PROBE + key}, link.instanceId()));
    }

    @Override
    public Map<String, Cooldown> all() {
        return link.call(r -> {
            Map<String, Cooldown> out = new HashMap<>();
            r.hgetall(HASH).forEach((k, v) -> {
                Cooldown c = decode(v);
                if (c != null) {
                    out.put(k, c);
                }
            });
            return out;
        }, Map::of);
    }

    private String message(String key, String value) {
        ObjectNode m = JSON.createObjectNode().put("from", link.instanceId()).put("key", key);
        if (value != null) {
            m.put("cooldown", value);
        }
        return m.toString();
    }

    private void received(String message) {
        Listener l = listener;
        if (l == null) {
            return;
        }
        try {
            JsonNode m = JSON.readTree(message);
            if (link.instanceId().equals(m.path("from").asText())) {
                return; // our own change, already applied
            }
            l.changed(m.path("key").asText(), m.hasNonNull("cooldown") ? decode(m.get("cooldown").asText()) : null);
        } catch (java.io.IOException e) {
            // another version's message: ignore it, the next resynchronisation reads the hash
        }
    }

    private static ObjectNode encode(Cooldown c) {
        return JSON.createObjectNode().put("reason", c.reason()).put("until", c.untilMillis())
                .put("failures", c.failures()).put("lastFailure", c.lastFailureMillis())
                .put("retryAfterUntil", c.retryAfterUntilMillis());
    }

    private static Cooldown decode(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new Cooldown(n.path("reason").asText(null), n.path("until").asLong(), n.path("failures").asInt(),
                    n.path("lastFailure").asLong(), n.path("retryAfterUntil").asLong());
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
