package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateways in one JVM, each with its own state directory, sharing one real Redis, over real HTTP. The
 * chain is {@code a/m} (the model under test, on its own loopback server, whose request count is the proof)
 * then {@code b/m}, which always answers and is free. A call to {@code a/m} may cost $1 (1000 output tokens at
 * $1000 per million) and the gateway's daily budget is $2.50. The instances share a clock so that cooldowns
 * expire together.
 */
@Tag("redis")
@Timeout(90)
class ThreeInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FAIL = "{\"error\":{\"message\":\"boom\"}}";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock();
    private final List<GatewayRuntime> gateways = new ArrayList<>();
    private RedisServer redis;
    private FakeUpstream a;
    private FakeUpstream b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(home.resolve("redis"));
        a = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", FakeUpstream.status(500, "application/json", FAIL));
        b = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", FakeUpstream.answer("from b"));
        for (int i = 1; i <= 3; i++) {
            gateways.add(instance(i));
        }
        Await.until("three instances in the cluster view", WAIT,
                () -> gateways.stream().allMatch(g -> g.state().cluster().instances().size() == 3));
    }

    private GatewayRuntime instance(int n) throws Exception {
        return ClusterGateways.start(home, n, "redis: \"" + redis.url() + "\"", "budget: { daily: 2.5 }", a.baseUrl(),
                b.baseUrl(), null, clock);
    }

    @AfterEach
    void stop() throws Exception {
        gateways.forEach(GatewayRuntime::close);
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void aFailureSeenThroughOneInstanceMakesTheOthersSkipTheModelAndOnlyOneSendsItsProbe() throws Exception {
        assertThat(ClusterGateways.proxyCall(gateways.get(0)).body()).contains("from b");
        assertThat(a.modelCalls()).hasSize(1);
        Await.until("instances 2 and 3 to hear of a/m's cooldown", WAIT,
                () -> ClusterGateways.cooling(gateways.get(1), "a/m", clock)
                        && ClusterGateways.cooling(gateways.get(2), "a/m", clock));
        for (GatewayRuntime g : gateways.subList(1, 3)) {
            assertThat(ClusterGateways.proxyCall(g).body()).contains("from b");
        }
        assertThat(a.modelCalls()).as("instances 2 and 3 skipped a/m without contacting it").hasSize(1);
        assertThat(ClusterGateways.status(gateways.get(2)).path("cooldowns").get(0).path("key").asText()).isEqualTo("a/m");

        clock.advance(Duration.ofSeconds(31)); // the first cooldown step is over on every instance
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (GatewayRuntime g : gateways) {
            answers.add(pool.submit(() -> ClusterGateways.proxyCall(g)));
        }
        for (Future<HttpResponse<String>> f : answers) {
            assertThat(f.get().body()).contains("from b");
        }
        pool.shutdown();
        assertThat(a.modelCalls()).as("one half-open probe among three instances, not three").hasSize(2);
        for (GatewayRuntime g : gateways) {
            assertThat(ClusterGateways.proxyCall(g).body()).contains("from b");
        }
        assertThat(a.modelCalls()).as("the failed probe's longer cooldown holds everywhere").hasSize(2);
    }

    @Test
    void redisKilledMidRunKeepsServingSaysDegradedAndSharesAgainWhenItReturns() throws Exception {
        assertThat(ClusterGateways.status(gateways.get(0)).path("cluster").path("shared").asBoolean()).isTrue();
        redis.kill();
        Await.until("every instance to notice Redis is gone", WAIT,
                () -> gateways.stream().noneMatch(g -> g.state().cluster().shared()));
        JsonNode degraded = ClusterGateways.status(gateways.get(0)).path("cluster");
        assertThat(degraded.path("degraded").asBoolean()).isTrue();
        assertThat(degraded.path("reason").asText()).contains("unreachable");
        assertThat(gateways.get(0).server().metrics().registry().get("clawgate.state.shared").gauge().value())
                .isZero();

        assertThat(ClusterGateways.proxyCall(gateways.get(1)).body()).as("served on local state").contains("from b");
        assertThat(a.modelCalls()).hasSize(1);
        assertThat(ClusterGateways.cooling(gateways.get(0), "a/m", clock)).as("nothing shared while Redis is down").isFalse();

        redis.start();
        Await.until("every instance back on Redis", WAIT, () -> gateways.stream().allMatch(g -> g.state().cluster().shared()));
        Await.until("the cooldown instance 2 learned during the outage to reach the others", WAIT,
                () -> ClusterGateways.cooling(gateways.get(0), "a/m", clock)
                        && ClusterGateways.cooling(gateways.get(2), "a/m", clock));
        assertThat(ClusterGateways.proxyCall(gateways.get(2)).body()).contains("from b");
        assertThat(a.modelCalls()).as("instance 3 skipped a/m on shared state again").hasSize(1);
        assertThat(ClusterGateways.status(gateways.get(0)).path("cluster").path("degraded").asBoolean()).isFalse();
    }

    @Test
    void twoConcurrentTurnsOnOneSessionThroughTwoInstancesDoNotOverlap() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FakeUpstream.Behaviour slow = FakeUpstream.after(Duration.ofMillis(300), FakeUpstream.answer("turn done"));
        a.on("/v1/chat/completions", (req, socket, out) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                slow.handle(req, socket, out);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        String turn = ClusterGateways.turnBody("hi");
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<HttpResponse<String>> first = pool.submit(() -> ClusterGateways.chat(gateways.get(0), turn));
        assertThat(a.awaitRequests("/v1/chat/completions", 1, WAIT)).isTrue();
        Future<HttpResponse<String>> second = pool.submit(() -> ClusterGateways.chat(gateways.get(1), turn));
        assertThat(first.get().body()).contains("turn done");
        assertThat(second.get().body()).contains("turn done");
        pool.shutdown();
        assertThat(a.modelCalls()).hasSize(2);
        assertThat(most.get()).as("the session's two turns never ran at once").isEqualTo(1);
    }

    @Test
    void aSharedBudgetIsNotExceededByTheSumOfTheInstances() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        a.on("/v1/chat/completions", (req, socket, out) -> {
            release.await(); // both granted calls stay in flight, holding their reservations
            FakeUpstream.answer("paid answer").handle(req, socket, out);
        });
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            GatewayRuntime g = gateways.get(i % 3);
            answers.add(pool.submit(() -> ClusterGateways.proxyCall(g)));
        }
        assertThat(a.awaitRequests("/v1/chat/completions", 2, WAIT)).isTrue();
        Await.until("the four calls that do not fit to be refused", WAIT,
                () -> answers.stream().filter(Future::isDone).count() == 4);
        release.countDown();
        int paid = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                assertThat(r.body()).contains("paid answer");
                paid++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.body()).contains("budget");
                refused++;
            }
        }
        pool.shutdown();
        assertThat(paid).as("$2.50 holds two $1 worst cases across three instances, not six").isEqualTo(2);
        assertThat(refused).isEqualTo(4);
        assertThat(a.modelCalls()).hasSize(2);
    }
}
