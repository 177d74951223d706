package dev.clawgate.state.redis;

import dev.clawgate.state.WindowCounters;
import dev.clawgate.state.memory.InMemoryWindowCounters;
import io.lettuce.core.ScriptOutputType;

/**
 * {@link WindowCounters} in Redis: one key per counter and window, added to and given its expiry in one script,
 * so every instance counts into the same window and a window's key disappears when it is over. While Redis is
 * down each instance counts on its own.
 */
final class RedisWindowCounters implements WindowCounters {

    private static final String ADD = """
            local v = redis.call('incrby', KEYS[1], ARGV[1])
            if redis.call('pttl', KEYS[1]) < 0 then redis.call('pexpire', KEYS[1], ARGV[2]) end
            return v""";

    private final RedisLink link;
    private final InMemoryWindowCounters local = new InMemoryWindowCounters();

    RedisWindowCounters(RedisLink link) {
        this.link = link;
    }

    @Override
    public long add(String key, long windowStartMillis, long windowMillis, long delta) {
        String redisKey = RedisLink.PREFIX + "window:" + key + ":" + windowStartMillis;
        return link.call(r -> (Long) r.eval(ADD, ScriptOutputType.INTEGER, new String[] {redisKey},
                Long.toString(delta), Long.toString(Math.max(1, windowMillis))),
                () -> local.add(key, windowStartMillis, windowMillis, delta));
    }
}
