package dev.clawgate.state.redis;

import dev.clawgate.state.TurnLocks;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TurnLocks} in Redis: {@code SET NX PX} with a token of its own, renewed every third of the lease while
 * the turn runs and deleted (only by its owner) when it ends. A holder that crashed stops renewing, so its lock
 * lapses after one lease. While Redis is down turns are serialised per instance only, with local fences.
 *
 * <p>The fence comes from the same Lua script that takes the lock ({@link #GRANT}): the session's counter is
 * first raised to the stored fence the caller read from the session store, then incremented. So a fence orders
 * holders by when they were granted the lock (a holder that pauses between the grant and its first write still
 * loses to everyone granted after it), and it is above the stored fence whatever Redis forgot: a Redis restarted
 * without persistence, or local fences stored while it was down, never lock a session out. For the same reason
 * the counter need not live forever: it expires a day after the session's last grant, and the stored fence
 * raises it again.
 */
final class RedisTurnLocks implements TurnLocks {

    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Duration MAX_POLL = Duration.ofMillis(50);
    /** Far longer than any grant waits for its first write; the stored fence covers everything older. */
    private static final Duration COUNTER_TTL = Duration.ofDays(1);
    /** KEYS: the lock, the session's fence counter; ARGV: token, lease ms, stored fence, counter TTL ms. 0: not granted. */
    private static final String GRANT = """
            if not redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
            if tonumber(redis.call('get', KEYS[2]) or '0') < tonumber(ARGV[3]) then
              redis.call('set', KEYS[2], ARGV[3])
            end
            local fence = redis.call('incr', KEYS[2])
            redis.call('pexpire', KEYS[2], ARGV[4])
            return fence""";
    private static final String RENEW =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.state.redis");

    private final RedisLink link;
    private final Duration lease;

    RedisTurnLocks(RedisLink link, Duration lease) {
        this.link = link;
        this.lease = lease;
    }

    @Override
    public Lease acquire(String sessionKey, Duration timeout, LongSupplier storedFence)
            throws InterruptedException, TimeoutException {
        String lockKey = RedisLink.PREFIX + "turn:" + sessionKey;
        String token = link.instanceId() + ":" + UUID.randomUUID();
        String[] keys = {lockKey, lockKey + ":fence"};
        // read once, before anything is held: the counter only falls below it after Redis forgot (a restart) or
        // local turns stored fences meanwhile; re-reading it on every poll would cost the database a query each
        String floor = Long.toString(storedFence.getAsLong());
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = 2;
        while (true) {
            Long fence = link.call(r -> (Long) r.eval(GRANT, ScriptOutputType.INTEGER, keys, token,
                    Long.toString(lease.toMillis()), floor, Long.toString(COUNTER_TTL.toMillis())), () -> null);
            if (fence == null) { // Redis is down: the instance's own session lock is all there is
                return Lease.localAbove(storedFence); // read afresh: local turns may have stored fences meanwhile
            }
            if (fence > 0) {
                return new RedisLease(lockKey, token, fence);
            }
            if (System.nanoTime() >= deadline) {
                throw new TimeoutException("session " + sessionKey + " is busy on another instance (waited "
                        + timeout.toMillis() + " ms)");
            }
            // the holder is on another instance, which cannot wake us: poll, backing off to a short cap
            Thread.sleep(pollMillis);
            pollMillis = Math.min(pollMillis * 2, MAX_POLL.toMillis());
        }
    }

    private final class RedisLease implements Lease {
        private final String lockKey;
        private final String token;
        private final long fence;
        private final Thread renewer;
        private volatile boolean closed;

        RedisLease(String lockKey, String token, long fence) {
            this.lockKey = lockKey;
            this.token = token;
            this.fence = fence;
            this.renewer = Thread.ofVirtual().name("clawgate-turn-lease").start(this::renew);
        }

        private void renew() {
            long every = Math.max(1, lease.toMillis() / 3);
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                Long kept = link.call(r -> (Long) r.eval(RENEW, ScriptOutputType.INTEGER, new String[] {lockKey}, token,
                        Long.toString(lease.toMillis())), () -> 1L);
                if (!closed && kept == 0) {
                    LOG.warn("the turn lock on {} lapsed while its turn ran (fence {}); another instance may run the "
                            + "session now, and the session store refuses this turn's writes once it does", lockKey,
                            fence);
                    return;
                }
            }
        }

        @Override
        public long fence() {
            return fence;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            renewer.interrupt();
            link.run(r -> r.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {lockKey}, token));
        }
    }
}
