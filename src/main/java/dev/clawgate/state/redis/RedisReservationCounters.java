package dev.clawgate.state.redis;

import dev.clawgate.state.ReservationCounters;
import dev.clawgate.state.memory.InMemoryReservationCounters;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ReservationCounters} in Redis. Per budget period: a sorted set of reservation ids scored by expiry, a
 * hash of their amounts, and a settled-spend counter. Reserving runs as one script (expired holds dropped, every
 * limit checked, then all held), so instances together never take more room than a limit has. Settled spend is
 * counted here too, and the larger of this count and the caller's own store is what a check uses, so a limit
 * holds even where each instance keeps its own spend file. While Redis is down each instance reserves locally.
 */
final class RedisReservationCounters implements ReservationCounters {

    /** Settled spend is kept past the longest period (a month) and a margin. */
    static final Duration SETTLED_KEEP = Duration.ofDays(40);

    private static final String NOW = "local t = redis.call('time') local now = t[1] * 1000 + math.floor(t[2] / 1000) ";
    private static final String HELD = """
            local function held(z, h, now)
              for _, e in ipairs(redis.call('zrangebyscore', z, '-inf', now)) do redis.call('hdel', h, e) end
              redis.call('zremrangebyscore', z, '-inf', now)
              local sum = 0
              for _, v in ipairs(redis.call('hvals', h)) do sum = sum + tonumber(v) end
              return sum
            end
            """;
    private static final String RESERVE = HELD + NOW + """
            local amount = tonumber(ARGV[2]) local lease = tonumber(ARGV[3]) local n = #KEYS / 3
            for i = 0, n - 1 do
              local sum = held(KEYS[i * 3 + 1], KEYS[i * 3 + 2], now)
              local settled = math.max(tonumber(redis.call('get', KEYS[i * 3 + 3]) or '0'), tonumber(ARGV[5 + i * 2]))
              if settled + sum + amount > tonumber(ARGV[4 + i * 2]) then return {i, sum, settled} end
            end
            for i = 0, n - 1 do
              redis.call('zadd', KEYS[i * 3 + 1], now + lease, ARGV[1])
              redis.call('hset', KEYS[i * 3 + 2], ARGV[1], ARGV[2])
              redis.call('pexpire', KEYS[i * 3 + 1], lease) redis.call('pexpire', KEYS[i * 3 + 2], lease)
            end
            return {-1, 0, 0}""";
    private static final String FINISH = """
            for i = 0, #KEYS / 3 - 1 do
              redis.call('zrem', KEYS[i * 3 + 1], ARGV[1]) redis.call('hdel', KEYS[i * 3 + 2], ARGV[1])
              if tonumber(ARGV[2]) > 0 then
                redis.call('incrby', KEYS[i * 3 + 3], ARGV[2]) redis.call('pexpire', KEYS[i * 3 + 3], ARGV[3])
              end
            end
            return 0""";
    private static final String SUM = HELD + NOW + "return held(KEYS[1], KEYS[2], now)";

    private final RedisLink link;
    private final InMemoryReservationCounters local;

    RedisReservationCounters(RedisLink link, Clock clock) {
        this.link = link;
        this.local = new InMemoryReservationCounters(clock);
    }

    @Override
    public Outcome reserve(String id, List<Hold> holds, long amountMicros, Duration lease) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(id, Long.toString(amountMicros), Long.toString(lease.toMillis())));
        for (Hold h : holds) {
            keys.addAll(keysOf(h.key()));
            args.add(Long.toString(h.limitMicros()));
            args.add(Long.toString(h.settledMicros()));
        }
        return link.call(r -> {
            List<Object> out = r.eval(RESERVE, ScriptOutputType.MULTI, keys.toArray(String[]::new),
                    args.toArray(String[]::new));
            return new Outcome(((Long) out.get(0)).intValue(), (Long) out.get(1), (Long) out.get(2));
        }, () -> local.reserve(id, holds, amountMicros, lease));
    }

    @Override
    public void finish(String id, List<String> budgetKeys, long costMicros) {
        local.finish(id, budgetKeys, costMicros);
        List<String> keys = new ArrayList<>();
        budgetKeys.forEach(k -> keys.addAll(keysOf(k)));
        link.run(r -> r.eval(FINISH, ScriptOutputType.INTEGER, keys.toArray(String[]::new), id,
                Long.toString(costMicros), Long.toString(SETTLED_KEEP.toMillis())));
    }

    @Override
    public long held(String key) {
        List<String> k = keysOf(key);
        return link.call(r -> (Long) r.eval(SUM, ScriptOutputType.INTEGER, k.get(0), k.get(1)),
                () -> local.held(key));
    }

    @Override
    public long settled(String key) {
        return link.call(r -> {
            String v = r.get(keysOf(key).get(2));
            return v == null ? 0L : Long.parseLong(v);
        }, () -> 0L);
    }

    private static List<String> keysOf(String budgetKey) {
        String base = RedisLink.PREFIX + "budget:" + budgetKey.replace('\n', '|');
        return List.of(base + ":held", base + ":amounts", base + ":settled");
    }
}
