package dev.clawgate.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.SessionTakenOverException;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.state.TurnLocks;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.RedisServer;
import dev.clawgate.testing.StateEngines;
import dev.clawgate.wire.Message;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis turn locks and the session store's fences together, on a real redis-server and each store engine
 * ({@link SqliteFencedTurnsTest}, {@link PostgresFencedTurnsTest}): a holder whose lease lapsed cannot write
 * after the next holder started, and neither a Redis restarted without persistence nor the local fences of an
 * outage lock a session out.
 */
@Timeout(60)
abstract class FencedTurnsContract {

    private static final String KEY = SessionKeys.main("main");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SHORT_LEASE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private RedisServer redis;
    private JdbcSessionStore store;
    private final List<AutoCloseable> open = new ArrayList<>();

    abstract StateEngines engine();

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
        store = JdbcSessionStore.openOwning(engine().open(dir.resolve("state")));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        store.close();
        redis.close();
    }

    private RedisLink link(String instanceId, RedisServer server) {
        RedisLink link = new RedisLink(RedisURI.create(server.url()), instanceId);
        open.add(link);
        return link;
    }

    /** One whole turn as the agent runtime runs it: lease, claim, the user's message, the reply; its fence. */
    private long turn(TurnLocks locks, String question) throws Exception {
        try (TurnLocks.Lease lease = locks.acquire(KEY, WAIT, () -> store.storedFence(KEY))) {
            SessionStore fenced = store.fencedBy(lease.fence());
            fenced.claimTurn(KEY, "main");
            fenced.appendTurn(KEY, Turn.of(List.of(Message.user(question)), List.of()));
            fenced.appendTurn(KEY, Turn.of(List.of(Message.assistant("re: " + question)), List.of()));
            return lease.fence();
        }
    }

    private List<String> transcript() {
        return store.transcript(KEY).stream().map(TranscriptEntry::message).map(Message::text).toList();
    }

    @Test
    void aHolderWhoseLeaseLapsedIsRefusedAndTheNewHoldersTurnStands() throws Exception {
        RedisLink frozen = link("frozen", redis);
        TurnLocks.Lease stale = new RedisTurnLocks(frozen, SHORT_LEASE).acquire(KEY, WAIT, () -> store.storedFence(KEY));
        SessionStore staleStore = store.fencedBy(stale.fence());
        staleStore.claimTurn(KEY, "main");
        staleStore.appendTurn(KEY, Turn.of(List.of(Message.user("asked on the frozen instance")), List.of()));
        frozen.close(); // its renewals stop, as in a long GC pause or a partition: the lease lapses

        long next = turn(new RedisTurnLocks(link("next", redis), SHORT_LEASE), "asked on the next instance");

        assertThat(next).isGreaterThan(stale.fence());
        Turn rest = Turn.of(List.of(Message.assistant("the frozen instance's late answer")), List.of());
        assertThatThrownBy(() -> staleStore.appendTurn(KEY, rest)).isInstanceOf(SessionTakenOverException.class)
                .hasMessage("session " + KEY + " was taken over by another instance (fence " + next + " > "
                        + stale.fence() + "); this turn's writes were refused");
        assertThatThrownBy(() -> staleStore.appendCompactionSummary(KEY, Message.user("late summary")))
                .isInstanceOf(SessionTakenOverException.class);
        stale.close();
        assertThat(transcript()).containsExactly("asked on the frozen instance", "asked on the next instance",
                "re: asked on the next instance");
        assertThat(store.findSession(KEY).orElseThrow().compactionCount()).isZero();
    }

    @Test
    void aRedisRestartedWithoutPersistenceLocksNoSessionOut() throws Exception {
        RedisLink link = link("a", redis);
        TurnLocks locks = new RedisTurnLocks(link, SHORT_LEASE);
        for (int i = 1; i <= 3; i++) {
            assertThat(turn(locks, "before the restart " + i)).isEqualTo(i);
        }
        redis.kill();
        Await.until("the instance to notice Redis is gone", WAIT, () -> !link.healthy());
        redis.start(); // empty: every fence counter is gone
        Await.until("the instance to be back on Redis", WAIT, link::healthy);

        assertThat(turn(locks, "after the restart")).as("the counter starts from the stored fence").isEqualTo(4);
        assertThat(turn(locks, "and on")).isEqualTo(5);
        assertThat(transcript()).hasSize(10).endsWith("and on", "re: and on");
    }

    @Test
    void localFencesOfAnOutageLockNothingOutWhenRedisReturns() throws Exception {
        RedisLink link = link("a", redis);
        TurnLocks locks = new RedisTurnLocks(link, SHORT_LEASE);
        assertThat(turn(locks, "shared 1")).isEqualTo(1);
        assertThat(turn(locks, "shared 2")).isEqualTo(2);
        redis.kill();
        Await.until("the instance to notice Redis is gone", WAIT, () -> !link.healthy());

        assertThat(turn(locks, "local 1")).as("just above the stored fence").isEqualTo(3);
        assertThat(turn(locks, "local 2")).isEqualTo(4);
        redis.start();
        Await.until("the instance to be back on Redis", WAIT, link::healthy);
        // as after a network outage, when Redis kept its data: its counter (2) is behind what the local turns stored
        link.call(r -> r.set(RedisLink.PREFIX + "turn:" + KEY + ":fence", "2"), () -> null);
        assertThat(turn(locks, "shared again")).as("the counter is raised to the stored fence").isEqualTo(5);
        assertThat(transcript()).containsExactly("shared 1", "re: shared 1", "shared 2", "re: shared 2", "local 1",
                "re: local 1", "local 2", "re: local 2", "shared again", "re: shared again");
    }

    @Test
    void aLocalLeaseOfAnInstanceCutOffFromRedisClaimsOverTheLiveHolderWholeTurnsOnly() throws Exception {
        RedisServer unreachable = RedisServer.start(dir.resolve("unreachable"));
        open.add(unreachable);
        unreachable.kill(); // an instance that cannot reach Redis while the others can: a partition
        TurnLocks cutOff = new RedisTurnLocks(link("cut-off", unreachable), SHORT_LEASE);
        TurnLocks shared = new RedisTurnLocks(link("shared", redis), SHORT_LEASE);

        TurnLocks.Lease live = shared.acquire(KEY, WAIT, () -> store.storedFence(KEY));
        SessionStore liveStore = store.fencedBy(live.fence());
        liveStore.claimTurn(KEY, "main");
        liveStore.appendTurn(KEY, Turn.of(List.of(Message.user("asked on the shared instance")), List.of()));

        assertThat(turn(cutOff, "asked on the cut-off instance")).isEqualTo(live.fence() + 1);
        assertThatThrownBy(() -> liveStore.appendTurn(KEY, Turn.of(List.of(Message.assistant("late")), List.of())))
                .isInstanceOf(SessionTakenOverException.class);
        live.close();
        assertThat(transcript()).containsExactly("asked on the shared instance", "asked on the cut-off instance",
                "re: asked on the cut-off instance");
        assertThat(turn(shared, "back on the shared instance")).as("above the local fence").isEqualTo(live.fence() + 2);
    }
}
