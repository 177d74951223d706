package dev.clawgate.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.state.ReservationCounters;
import dev.clawgate.state.SharedCooldowns;
import dev.clawgate.state.StateEngines;
import dev.clawgate.state.TurnLocks;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.RedisServer;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Redis engine of every state port against a real redis-server, several "instances" in one JVM. */
@Tag("redis")
@Timeout(60)
class RedisStateTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** No session store behind these locks: the fences come from Redis alone. */
    private static final LongSupplier NO_STORED_FENCE = () -> 0;

    @TempDir
    Path dir;

    private RedisServer redis;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(dir.resolve("redis"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        redis.close();
    }

    private StateEngines instance(String id) {
        StateEngines e = RedisState.open(redis.url(), null, id, () -> "127.0.0.1:0", Clock.systemUTC());
        open.add(e);
        return e;
    }

    @Test
    void windowCountersAddUpAcrossInstances() {
        StateEngines a = instance("a");
        StateEngines b = instance("b");
        assertThat(a.windowCounters().add("key1", 1000, 60_000, 3)).isEqualTo(3);
        assertThat(b.windowCounters().add("key1", 1000, 60_000, 4)).isEqualTo(7);
        assertThat(b.windowCounters().add("key1", 61_000, 60_000, 1)).as("the next window starts at zero").isEqualTo(1);
    }

    @Test
    void concurrentReservationsOfThreeInstancesNeverPassTheLimit() throws Exception {
        List<StateEngines> instances = List.of(instance("a"), instance("b"), instance("c"));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ReservationCounters counters = instances.get(i % 3).reservations();
            String id = "r" + i;
            results.add(pool.submit(() -> counters.reserve(id, List.of(new ReservationCounters.Hold("gateway\nday:1",
                    10_000_000, 2_000_000)), 1_000_000, Duration.ofMinutes(1)).granted()));
        }
        int granted = 0;
        for (Future<Boolean> f : results) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(granted).as("$10 limit, $2 settled, $1 each").isEqualTo(8);
        assertThat(instances.get(0).reservations().held("gateway\nday:1")).isEqualTo(8_000_000);
        instances.get(1).reservations().finish("r0", List.of("gateway\nday:1"), 500_000);
        assertThat(instances.get(2).reservations().settled("gateway\nday:1")).isEqualTo(500_000);
    }

    @Test
    void aReservationOfACrashedInstanceExpiresAfterItsLease() throws Exception {
        StateEngines a = instance("a");
        StateEngines b = instance("b");
        List<ReservationCounters.Hold> hold = List.of(new ReservationCounters.Hold("k\nday:1", 1_000_000, 0));
        assertThat(a.reservations().reserve("crashed", hold, 1_000_000, Duration.ofMillis(200)).granted()).isTrue();
        ReservationCounters.Outcome refused = b.reservations().reserve("next", hold, 1, Duration.ofMinutes(1));
        assertThat(refused.granted()).isFalse();
        assertThat(refused.heldMicros()).isEqualTo(1_000_000);
        Await.until("the crashed instance's hold to expire", WAIT,
                () -> b.reservations().reserve("next", hold, 1, Duration.ofMinutes(1)).granted());
    }

    @Test
    void turnLocksSerialiseAcrossInstancesWithIncreasingFences() throws Exception {
        StateEngines a = instance("a");
        StateEngines b = instance("b");
        TurnLocks.Lease first = a.turnLocks().acquire("agent:main:s1", Duration.ofSeconds(1), NO_STORED_FENCE);
        assertThatThrownBy(() -> b.turnLocks().acquire("agent:main:s1", Duration.ofMillis(50), NO_STORED_FENCE))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("busy on another instance");
        try (TurnLocks.Lease other = b.turnLocks().acquire("agent:main:s2", Duration.ofSeconds(1), NO_STORED_FENCE)) {
            assertThat(other.fence()).isPositive(); // another session is not blocked
        }
        first.close();
        try (TurnLocks.Lease second = b.turnLocks().acquire("agent:main:s1", Duration.ofSeconds(5), NO_STORED_FENCE)) {
            assertThat(second.fence()).isGreaterThan(first.fence());
        }
    }

    @Test
    void aCrashedHolderBlocksTheSessionNoLongerThanTheLease() throws Exception {
        RedisLink crashing = new RedisLink(RedisURI.create(redis.url()), "crashing");
        RedisLink survivor = new RedisLink(RedisURI.create(redis.url()), "survivor");
        open.add(survivor);
        TurnLocks.Lease held = new RedisTurnLocks(crashing, Duration.ofMillis(300))
                .acquire("s", Duration.ofSeconds(1), NO_STORED_FENCE);
        crashing.close(); // dies holding the lock: no renewal, no release
        try (TurnLocks.Lease next = new RedisTurnLocks(survivor, Duration.ofMillis(300))
                .acquire("s", WAIT, NO_STORED_FENCE)) {
            assertThat(next.fence()).isGreaterThan(held.fence());
        }
    }

    @Test
    void cooldownsReachOtherInstancesAndOneOwnsTheProbe() throws Exception {
        StateEngines a = instance("a");
        StateEngines b = instance("b");
        Map<String, SharedCooldowns.Cooldown> seenByB = new ConcurrentHashMap<>();
        b.cooldowns().listen(listener(seenByB, Map.of()));
        a.cooldowns().listen(listener(new ConcurrentHashMap<>(), Map.of()));
        SharedCooldowns.Cooldown c = new SharedCooldowns.Cooldown("SERVER_ERROR", 5000, 1, 1000, 0);
        a.cooldowns().put("box/m1", c);
        Await.until("b to hear of a's cooldown", WAIT, () -> c.equals(seenByB.get("box/m1")));
        assertThat(a.cooldowns().claimProbe("box/m1", Duration.ofMinutes(1))).isTrue();
        assertThat(b.cooldowns().claimProbe("box/m1", Duration.ofMinutes(1))).isFalse();
        b.cooldowns().releaseProbe("box/m1"); // not b's: changes nothing
        assertThat(b.cooldowns().claimProbe("box/m1", Duration.ofMinutes(1))).isFalse();
        a.cooldowns().releaseProbe("box/m1");
        assertThat(b.cooldowns().claimProbe("box/m1", Duration.ofMinutes(1))).isTrue();
        a.cooldowns().remove("box/m1");
        Await.until("b to hear of the recovery", WAIT, () -> !seenByB.containsKey("box/m1"));
    }

    @Test
    void redisDownFallsBackToLocalStateAndComesBackWithWhatWasLearned() throws Exception {
        StateEngines a = instance("a");
        Map<String, SharedCooldowns.Cooldown> localOfA = new ConcurrentHashMap<>();
        a.cooldowns().listen(listener(new ConcurrentHashMap<>(), localOfA));
        assertThat(a.cluster().shared()).isTrue();
        redis.kill();
        Await.until("a to notice Redis is gone", WAIT, () -> !a.cluster().shared());
        assertThat(a.cluster().degradedReason()).contains("unreachable");
        assertThat(a.windowCounters().add("k", 0, 60_000, 2)).as("counted locally").isEqualTo(2);
        assertThat(a.cooldowns().claimProbe("box/m1", Duration.ofMinutes(1))).as("every probe is local").isTrue();
        try (TurnLocks.Lease lease = a.turnLocks().acquire("s", Duration.ofMillis(10), NO_STORED_FENCE)) {
            assertThat(lease.fence()).isPositive();
        }
        SharedCooldowns.Cooldown learned = new SharedCooldowns.Cooldown("CONNECTION_REFUSED", 9000, 1, 2000, 0);
        localOfA.put("box/*", learned); // what a's router saw while Redis was down
        redis.start();
        Await.until("a to be back on Redis", WAIT, () -> a.cluster().shared());
        StateEngines b = instance("b");
        Await.until("a's outage cooldown to be shared", WAIT, () -> learned.equals(b.cooldowns().all().get("box/*")));
        Await.until("both instances in the cluster view", WAIT, () -> b.cluster().instances().size() == 2);
    }

    private static List<String> subscribe(StateEngines instance) {
        List<String> received = new CopyOnWriteArrayList<>();
        instance.events().subscribe(received::add);
        return received;
    }

    /** The event feed's history: an instance that starts late sees what it missed, each event once. */
    @Test
    void anInstanceThatStartsLateSeesTheRecentHistoryOnceThenTheLiveEvents() throws Exception {
        StateEngines a = instance("a");
        a.events().publish("e1");
        a.events().publish("e2");
        StateEngines b = instance("b"); // started (or restarted) after a's first events
        List<String> seenByB = subscribe(b);
        assertThat(seenByB).as("the history, oldest first, before anything new").containsExactly("e1", "e2");

        a.events().publish("e3");
        b.events().publish("b1");
        Await.until("b to hear of e3", WAIT, () -> seenByB.contains("e3"));
        List<String> seenByA = subscribe(a);
        assertThat(seenByA).as("a's own events are not replayed to it").containsExactly("b1");
        a.events().publish("e4");
        Await.until("b to hear of e4", WAIT, () -> seenByB.contains("e4"));
        assertThat(seenByB).as("the channel and the history never deliver one event twice")
                .containsExactly("e1", "e2", "e3", "e4");
    }

    /** ... or loses its own connection while the others keep publishing. */
    @Test
    void anInstanceThatLostItsConnectionCatchesUpOnWhatTheOthersPublishedMeanwhile() throws Exception {
        StateEngines a = instance("a");
        StateEngines b = instance("b");
        List<String> seenByB = subscribe(b);
        a.events().publish("before");
        Await.until("b to hear of the first event", WAIT, () -> seenByB.contains("before"));

        RedisClient admin = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = admin.connect()) {
            RedisCommands<String, String> r = c.sync();
            List<String> ofB = r.clientList().lines().filter(l -> l.contains(" name=clawgate-b ")).toList();
            assertThat(ofB).as("b's command and subscription connections").hasSize(2);
            // b's reconnects are refused until the limit is lifted: only b misses what a publishes meanwhile
            r.configSet("maxclients", Long.toString(r.clientList().lines().count() - ofB.size()));
            for (String line : ofB) {
                r.clientKill(KillArgs.Builder.id(Long.parseLong(line.replaceAll("^id=(\\d+) .*", "$1"))));
            }
            Await.until("b to notice it lost Redis", WAIT, () -> !b.cluster().shared());
            a.events().publish("missed");
            assertThat(a.cluster().shared()).isTrue();
            r.configSet("maxclients", "10000");
        } finally {
            admin.shutdown();
        }
        Await.until("b to be back on Redis", WAIT, () -> b.cluster().shared());
        Await.until("b to catch up from the history", WAIT, () -> seenByB.contains("missed"));
        a.events().publish("after");
        Await.until("b to hear of the next event", WAIT, () -> seenByB.contains("after"));
        assertThat(seenByB).containsExactly("before", "missed", "after");
    }

    /** ... and what an instance published while Redis was down reaches the others once it is back. */
    @Test
    void eventsPublishedWhileRedisWasDownReachTheOthersWhenItReturns() throws Exception {
        StateEngines a = instance("a");
        StateEngines b = instance("b");
        List<String> seenByB = subscribe(b);
        a.events().publish("before");
        Await.until("b to hear of the first event", WAIT, () -> seenByB.contains("before"));

        redis.kill();
        Await.until("a to notice Redis is gone", WAIT, () -> !a.cluster().shared());
        a.events().publish("during 1");
        a.events().publish("during 2");
        redis.start(); // without persistence: the history is gone, only what a kept can bring them back
        Await.until("both back on Redis", WAIT, () -> a.cluster().shared() && b.cluster().shared());
        Await.until("b to get what a published during the outage", WAIT, () -> seenByB.contains("during 2"));
        a.events().publish("after");
        Await.until("b to hear of the next event", WAIT, () -> seenByB.contains("after"));
        assertThat(seenByB).as("in order, each once").containsExactly("before", "during 1", "during 2", "after");
    }

    private static SharedCooldowns.Listener listener(Map<String, SharedCooldowns.Cooldown> seen,
            Map<String, SharedCooldowns.Cooldown> local) {
        return new SharedCooldowns.Listener() {
            @Override
            public void changed(String key, SharedCooldowns.Cooldown cooldown) {
                if (cooldown == null) {
                    seen.remove(key);
                } else {
                    seen.put(key, cooldown);
                }
            }

            @Override
            public Map<String, SharedCooldowns.Cooldown> local() {
                return local;
            }
        };
    }
}
