package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.gateway.GatewayStartException;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.testing.RedisServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with {@code state.redis} that fails to start, early (a public bind without auth) or late (its port
 * is taken), closes what it had opened: no connection stays on Redis and none of its threads lives on
 * (Lettuce's event loops are not daemons: they would keep a failed {@code clawgate gateway} from exiting).
 */
@Tag("redis")
@Timeout(60)
class FailedStartReleasesStateTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private RedisServer redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(home.resolve("redis"));
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    /**
     * @param stateJson5 more keys of the {@code state} section, each after a comma
     * @param bind {@code --bind}, or null
     */
    private GatewayRuntime start(String stateJson5, String bind) throws Exception {
        return start(stateJson5, bind, 0);
    }

    private GatewayRuntime start(String stateJson5, String bind, int port) throws Exception {
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, """
            { state: { redis: "%s"%s },
              agents: { defaults: { model: "box/m" } },
              models: { mode: "replace", providers: { box: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions",
                apiKey: "x", models: [{ id: "m" }] } } } }
            """.formatted(redis.url(), stateJson5));
        Environment env = Environment.of(Map.of(StateDirectory.ENV, home.resolve("state").toString()), home);
        return GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(port, bind), new MutableClock());
    }

    /** The ids of the live threads a gateway's state starts: Lettuce's and the ledger writer. */
    private static Set<Long> stateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lettuce-") || t.getName().startsWith("clawgate-ledger"))
                .map(Thread::threadId).collect(Collectors.toSet());
    }

    private void assertReleased(Set<Long> before) throws InterruptedException {
        Await.until("the failed gateway's Redis connections to close", WAIT, () -> redis.clients("clawgate-").isEmpty());
        Await.until("the failed gateway's Lettuce and ledger threads to end", WAIT,
                () -> before.containsAll(stateThreads()));
    }

    @Test
    void aStartRefusedWhenItWouldListenPubliclyClosesTheRedisClientAndTheLedger() throws Exception {
        Set<Long> before = stateThreads();
        assertThatThrownBy(() -> start("", "lan")).isInstanceOf(GatewayStartException.class)
                .hasMessageContaining("without authentication");
        assertReleased(before);
        start("", null).close(); // and the state directory is free again
    }

    @Test
    void aStartThatFailsWhenItListensClosesTheRedisClientAndTheLedger() throws Exception {
        Set<Long> before = stateThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the port is bound last, after the Redis client, the ledger writer and the router exist
            assertThatThrownBy(() -> start("", null, taken.getLocalPort()))
                    .hasMessageContaining(String.valueOf(taken.getLocalPort())).hasMessageContaining("in use");
        }
        assertReleased(before);
    }
}
