package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.testing.PostgresServer;
import dev.clawgate.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateways sharing one real Redis and one real PostgreSQL, through one scenario: a conversation moves
 * between instances and a cooldown reaches all of them; Redis goes away (everyone keeps serving and says it is
 * degraded), then PostgreSQL (proxy calls go on, an agent turn fails fast and leaves nothing); both come back and
 * the instances share again without a restart, the conversation holding exactly its good turns. One scenario
 * rather than several tests: starting the engines and three gateways is most of its time.
 */
@Tag("redis")
@Tag("postgres")
@Timeout(120)
class ClusterOutagesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration TURN_FAILS_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path home;

    /** Shared, so that cooldowns expire together (they do not here: it never moves). */
    private final MutableClock clock = new MutableClock();

    @Test
    void aConversationAndACooldownAreSharedAndSurviveRedisThenPostgresGoingAwayAndComingBack() throws Exception {
        PostgresServer postgres = PostgresServer.shared(); // test classes run one at a time: this one may stop it
        String url = postgres.newDatabaseUrl();
        List<GatewayRuntime> gateways = new ArrayList<>();
        try (RedisServer redis = RedisServer.start(home.resolve("redis"));
                FakeUpstream a = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                        .on("/v1/chat/completions", FakeUpstream.answer("Noted."));
                FakeUpstream b = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                        .on("/v1/chat/completions", FakeUpstream.answer("from b"))) {
            try { // the gateways stop before Redis and the upstreams do
                String state = "redis: \"" + redis.url() + "\", database: { url: \"${PG_URL}\" }";
                for (int n = 1; n <= 3; n++) {
                    gateways.add(ClusterGateways.start(home, n, state, "", a.baseUrl(), b.baseUrl(), url, clock));
                }
                GatewayRuntime one = gateways.get(0);
                GatewayRuntime two = gateways.get(1);
                GatewayRuntime three = gateways.get(2);
                Await.until("three instances in the cluster view", WAIT,
                        () -> gateways.stream().allMatch(g -> g.state().cluster().instances().size() == 3));

                // a conversation started on instance 1 continues on instance 3
                assertThat(ClusterGateways.turn(one, "my name is Ana").statusCode()).isEqualTo(200);
                assertThat(ClusterGateways.turn(three, "what is my name?").statusCode()).isEqualTo(200);
                assertThat(a.modelCalls().getLast().body()).contains("my name is Ana").contains("Noted.");

                // a failure seen through instance 1 cools a/m on all three: 2 and 3 skip it without contacting it
                a.on("/v1/chat/completions", FakeUpstream.status(500, "application/json", "{\"error\":{}}"));
                int callsOfA = a.modelCalls().size();
                assertThat(ClusterGateways.proxyCall(one).body()).contains("from b");
                Await.until("instances 2 and 3 to hear of a/m's cooldown", WAIT,
                        () -> ClusterGateways.cooling(two, "a/m", clock)
                        && ClusterGateways.cooling(three, "a/m", clock));
                assertThat(ClusterGateways.proxyCall(two).body()).contains("from b");
                assertThat(ClusterGateways.proxyCall(three).body()).contains("from b");
                assertThat(a.modelCalls()).as("one contact: instance 1's failure").hasSize(callsOfA + 1);

                // Redis goes away: everyone serves on local state and says so
                redis.kill();
                Await.until("every instance to notice Redis is gone", WAIT,
                        () -> gateways.stream().noneMatch(g -> g.state().cluster().shared()));
                for (GatewayRuntime g : gateways) {
                    assertThat(ClusterGateways.proxyCall(g).statusCode()).isEqualTo(200);
                    JsonNode cluster = ClusterGateways.status(g).path("cluster");
                    assertThat(cluster.path("degraded").asBoolean()).isTrue();
                    assertThat(cluster.path("reason").asText()).contains("Redis").contains("unreachable");
                }

                // then PostgreSQL: proxy calls go on, an agent turn fails fast, names the database and writes nothing
                postgres.stop();
                try {
                    for (GatewayRuntime g : gateways) {
                        assertThat(ClusterGateways.proxyCall(g).statusCode()).isEqualTo(200);
                    }
                    long started = System.nanoTime();
                    HttpResponse<String> failed = ClusterGateways.turn(two, "this turn is lost");
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
                    assertThat(failed.body()).contains("state database")
                            .contains("PostgreSQL 127.0.0.1:" + postgres.port());
                    assertThat(took).as("the turn fails fast").isLessThan(TURN_FAILS_WITHIN);
                } finally {
                    postgres.start();
                }

                // both come back: shared again without a restart, and the conversation goes on
                redis.start();
                Await.until("every instance back on Redis", WAIT,
                        () -> gateways.stream().allMatch(g -> g.state().cluster().shared()));
                for (GatewayRuntime g : gateways) {
                    assertThat(ClusterGateways.status(g).path("cluster").path("degraded").asBoolean()).isFalse();
                }
                assertThat(ClusterGateways.turn(two, "say it again").statusCode()).isEqualTo(200);
                assertThat(b.modelCalls().getLast().body()).as("served by b while a/m cools, with the whole history")
                        .contains("my name is Ana").contains("what is my name?").doesNotContain("this turn is lost");
                assertThat(ClusterGateways.transcriptEntries(url))
                        .as("three good turns of two entries, nothing of the lost one")
                        .isEqualTo(6);
            } finally {
                gateways.forEach(GatewayRuntime::close);
            }
        }
    }
}
