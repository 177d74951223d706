package dev.clawgate.state.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.state.StateEngines;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event feed's history on a real redis-server: an instance that starts late, or loses its own connection
 * while the others keep publishing, shows what it missed, each event once.
 */
@Tag("redis")
@Timeout(60)
class RedisEventFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    private static List<String> subscribe(StateEngines instance) {
        List<String> received = new CopyOnWriteArrayList<>();
        instance.events().subscribe(received::add);
        return received;
    }

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
                r.clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(line.replaceAll("^id=(\\d+) .*", "$1"))));
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
}
