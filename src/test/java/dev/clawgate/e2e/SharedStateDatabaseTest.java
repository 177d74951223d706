package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.Await;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.testing.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways with {@code state.database} on a real PostgreSQL, over real HTTP: a conversation started on one
 * instance continues on another (separate state directories, one database), and a database that goes away
 * fails agent turns quickly and cleanly while proxy calls go on, until it is back, with no restart; the same when
 * it is down as the gateway starts.
 */
@Tag("postgres")
@Timeout(120)
class SharedStateDatabaseTest {

    @TempDir
    Path home;

    private FakeUpstream upstream;

    @BeforeEach
    void upstream() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("Noted."));
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private GatewayRuntime start(int instance, String databaseUrl) throws Exception {
        return ClusterGateways.start(home, instance, "database: { url: \"${PG_URL}\" }", "", upstream.baseUrl(),
                upstream.baseUrl(), databaseUrl, new MutableClock());
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnAnotherWithItsHistory() throws Exception {
        String url = PostgresServer.shared().newDatabaseUrl();
        try (GatewayRuntime first = start(1, url); GatewayRuntime second = start(2, url)) {
            assertThat(ClusterGateways.turn(first, "my name is Ana").statusCode()).isEqualTo(200);
            assertThat(ClusterGateways.turn(second, "what is my name?").statusCode()).isEqualTo(200);

            String seenBySecond = upstream.modelCalls().getLast().body();
            assertThat(seenBySecond).contains("my name is Ana").contains("Noted.").contains("what is my name?");
        }
        assertThat(ClusterGateways.transcriptEntries(url)).isEqualTo(4);
    }

    /** Stops the JVM's shared server for a moment (test classes run one at a time) and always starts it again. */
    @Test
    void withTheDatabaseDownProxyCallsGoOnAndTurnsFailCleanlyUntilItIsBack() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.newDatabaseUrl();
        try (GatewayRuntime gateway = start(1, url)) {
            assertThat(ClusterGateways.turn(gateway, "first").statusCode()).isEqualTo(200);

            server.stop();
            try {
                assertThat(ClusterGateways.proxyCall(gateway).statusCode()).isEqualTo(200);
                HttpResponse<String> failed = ClusterGateways.turn(gateway, "lost");
                assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
                assertThat(failed.body()).contains("state database").contains("PostgreSQL 127.0.0.1:" + server.port());
            } finally {
                server.start();
            }
            assertThat(ClusterGateways.turn(gateway, "third").statusCode()).isEqualTo(200);
        }
        // the failed turn left nothing: two turns of two entries each
        assertThat(ClusterGateways.transcriptEntries(url)).isEqualTo(4);
    }

    /**
     * A gateway that starts while its database is down starts anyway (each store opens on first use): proxy calls
     * are served, an agent turn fails within 5 s naming the database, and once it is back the schemas are migrated
     * and turns and the data-flow ledger are written, with no restart.
     */
    @Test
    void aGatewayStartsWhileTheDatabaseIsDownAndUsesItOnceItIsBack() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.newDatabaseUrl();
        server.stop();
        GatewayRuntime gateway;
        try {
            gateway = start(1, url);
            assertThat(ClusterGateways.proxyCall(gateway).statusCode()).isEqualTo(200);
            long began = System.nanoTime();
            HttpResponse<String> failed = ClusterGateways.turn(gateway, "lost");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
            assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(failed.body()).contains("state database").contains("PostgreSQL 127.0.0.1:" + server.port());
        } finally {
            server.start();
        }
        try (gateway) {
            assertThat(ClusterGateways.turn(gateway, "back").statusCode()).isEqualTo(200);
            Await.until("the turn's upstream contact in the data-flow ledger", Duration.ofSeconds(10),
                    () -> ClusterGateways.rows(url, "ledger_contact") > 0);
        }
        assertThat(ClusterGateways.transcriptEntries(url)).isEqualTo(2);
    }
}
