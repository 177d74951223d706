package dev.clawgate.state.redis;

import dev.clawgate.state.TurnLocks;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TurnLocks} in Redis: {@code SET NX PX} with a token of its own, a fence from {@code INCR}, renewed every
 * third of the lease while the turn runs and deleted (only by its owner) when it ends. A holder that crashed stops
 * renewing, so its lock lapses after one lease. While Redis is down turns are serialised per instance only.
 */
final class RedisTurnLocks implements TurnLocks {

    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Duration MAX_POLL = Duration.ofMillis(50);
    private static final String RENEW =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.state.redis");

    private final RedisLink link;
    private final Duration lease;
    private final AtomicLong localFences = new AtomicLong();

    RedisTurnLocks(RedisLink link, Duration lease) {
        this.link = link;
        this.lease = lease;
    }

    @Override
    public Lease acquire(String sessionKey, Duration timeout) throws InterruptedException, TimeoutException {
        String lockKey = RedisLink.PREFIX + "turn:" + sessionKey;
        String token = link.instanceId() + ":" + UUID.randomUUID();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = 2;
        while (true) {
            Boolean won = link.call(r -> "OK".equals(r.set(lockKey, token, SetArgs.Builder.nx().px(lease.toMillis()))),
                    () -> null);
            if (won == null) { // Redis is down: the instance's own session lock is all there is
                return Lease.local(localFences.incrementAndGet());
            }
            if (won) {
                Long fence = link.call(r -> r.incr(lockKey + ":fence"), localFences::incrementAndGet);
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
                            + "session now", lockKey, fence);
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
