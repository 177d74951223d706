package dev.clawgate.routing;

import static dev.clawgate.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.clawgate.catalog.ModelCost;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.ledger.DataflowRow;
import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.ledger.LedgerWriter;
import dev.clawgate.ledger.JdbcLedgerStore;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.embeddings.EmbeddingsClients;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.EventStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-flow ledger against loopback upstreams: every contact the router makes (a failed one, the one that
 * answered, an embeddings call) is recorded with its host:port, region and the body bytes the fake actually
 * received and sent, and summarised per destination.
 */
@Timeout(20)
class LedgerRoutingTest {

    /** USD 1000 per 1M tokens: the fake's usage (5 in, 3 out) costs $0.008. */
    private static final ModelCost PRICES = new ModelCost(1000, 1000, 0, 0);

    @TempDir
    Path dir;

    private Http1Transport transport;
    private FakeUpstream broken;
    private FakeUpstream cloud;
    private LedgerWriter ledger;

    @BeforeEach
    void start() throws Exception {
        transport = new Http1Transport();
        broken = new FakeUpstream().on("/", FakeUpstream.status(500, "application/json",
                "{\"error\":{\"message\":\"boom\"}}"));
        cloud = new FakeUpstream().on("/v1/chat", answer("hello from the cloud"))
                .on("/v1/embeddings", FakeUpstream.json("{\"data\":[{\"embedding\":[0.5,0.25]}],"
                        + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}"));
        ledger = new LedgerWriter(JdbcLedgerStore.openOwning(new SqliteDatabases(dir)), Clock.systemUTC(),
                Duration.ofDays(30));
    }

    @AfterEach
    void stop() {
        ledger.close();
        broken.close();
        cloud.close();
        transport.close();
    }

    private static ModelSpec model(String provider, String baseUrl, String region, ModelCost cost) {
        ProviderSpec p = new ProviderSpec(provider, baseUrl, "openai-completions", "sk-test", "config", Map.of(), false,
                Duration.ofSeconds(5), null, false, true, null, null, region);
        return new ModelSpec(p, "m", "m", "openai-completions", false, List.of("text"), cost, 32_768, null, 1000, null,
                true);
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void drain(EventStream stream) {
        StreamText.drain(stream);
    }


    @Test
    void everyContactIsRecordedWithItsHostRegionAndTheBytesOnTheWire() throws Exception {
        ModelSpec failing = model("local", broken.baseUrl(), null, null);
        ModelSpec hosted = model("cloud", cloud.baseUrl(), "eu", PRICES);
        FailoverRouter router = FailoverRouter.builder((m, o) -> List.of(failing, hosted),
                new UpstreamAdapters(transport)::forApi).ledger(ledger).build();

        drain(router.open(ChatRequest.ofUserText(null, "where does this go?"),
                RouteOptions.DEFAULT.forAgent("main").forKey("ci").forRequest("req-1")));
        EmbeddingsRouter embeddings = new EmbeddingsRouter((m, o) -> List.of(hosted),
                new EmbeddingsClients(transport)::forApi, router, Clock.systemUTC());
        embeddings.embed(new EmbeddingRequest("cloud/m", List.of("embed me"), null), RouteOptions.DEFAULT);

        assertThat(ledger.flush(Duration.ofSeconds(10))).isTrue();
        List<LedgerEntry> entries = ledger.store().since(Instant.EPOCH, 100);
        assertThat(entries).hasSize(3);

        LedgerEntry refused = entries.get(0);
        assertThat(refused.host()).isEqualTo("127.0.0.1:" + broken.port());
        assertThat(refused.region()).isEqualTo("local");
        assertThat(refused.outcome()).isEqualTo("server-error");
        assertThat(refused.bytesSent()).isEqualTo(bytes(broken.modelCalls().get(0).body()));
        assertThat(refused.bytesReceived()).isEqualTo(bytes("{\"error\":{\"message\":\"boom\"}}"));

        LedgerEntry answered = entries.get(1);
        assertThat(answered).extracting(LedgerEntry::requestId, LedgerEntry::agentId, LedgerEntry::keyId,
                LedgerEntry::kind, LedgerEntry::provider, LedgerEntry::host, LedgerEntry::region, LedgerEntry::model,
                LedgerEntry::outcome)
                .containsExactly("req-1", "main", "ci", "chat", "cloud", "127.0.0.1:" + cloud.port(), "eu", "cloud/m", "ok");
        FakeUpstream.Request sent = cloud.modelCalls().get(0);
        assertThat(answered.bytesSent()).isEqualTo(bytes(sent.body()));
        assertThat(answered.bytesReceived()).isEqualTo(
                bytes(String.join("", FakeUpstream.Dialect.of(sent.path()).frames("hello from the cloud"))));
        assertThat(List.of(answered.tokensIn(), answered.tokensOut())).containsExactly(5L, 3L);
        assertThat(answered.costUsd()).isEqualByComparingTo(new BigDecimal("0.008"));

        LedgerEntry embedded = entries.get(2);
        assertThat(embedded.kind()).isEqualTo("embeddings");
        assertThat(embedded.bytesSent()).isEqualTo(bytes(cloud.modelCalls().get(1).body()));
        assertThat(embedded.bytesReceived()).isEqualTo(bytes("{\"data\":[{\"embedding\":[0.5,0.25]}],"
                + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}"));
        assertThat(embedded.tokensIn()).isEqualTo(4);

        List<DataflowRow> flow = ledger.store().dataflow(Instant.EPOCH);
        assertThat(flow).extracting(DataflowRow::provider, DataflowRow::region, DataflowRow::requests)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cloud", "eu", 2L),
                        org.assertj.core.groups.Tuple.tuple("local", "local", 1L));
        DataflowRow toCloud = flow.stream().filter(r -> r.provider().equals("cloud")).findFirst().orElseThrow();
        assertThat(toCloud.bytesSent()).isEqualTo(answered.bytesSent() + embedded.bytesSent());
        assertThat(toCloud.costUsd()).isEqualByComparingTo(new BigDecimal("0.008").add(embedded.costUsd()));
    }

    @Test
    void aCandidateSkippedByTheDataPolicyLeavesNoEntry() throws Exception {
        ModelSpec hosted = model("cloud", cloud.baseUrl(), "us", PRICES);
        FailoverRouter router = FailoverRouter.builder((m, o) -> List.of(hosted),
                new UpstreamAdapters(transport)::forApi).ledger(ledger).build();

        Throwable refused = catchThrowable(() -> router.open(ChatRequest.ofUserText(null, "x"),
                new RouteOptions(null, true)));

        assertThat(refused).isInstanceOf(PrivacyBlockedException.class);
        assertThat(ledger.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(ledger.store().since(Instant.EPOCH, 10)).isEmpty();
        assertThat(cloud.modelCalls()).isEmpty();
    }

    @Test
    void closingWritesWhatIsStillQueued() {
        Path folder = dir.resolve("closing");
        LedgerWriter writer = new LedgerWriter(JdbcLedgerStore.openOwning(new SqliteDatabases(folder)), Clock.systemUTC(),
                Duration.ofDays(1));
        for (int i = 0; i < 500; i++) {
            writer.record(new LedgerEntry(Instant.now(), "r" + i, null, null, "chat", "p", "h:1", "local", "p/m", i, i,
                    0, 0, BigDecimal.ZERO, "ok"));
        }
        writer.close();

        try (JdbcLedgerStore reopened = JdbcLedgerStore.openOwning(new SqliteDatabases(folder))) {
            assertThat(reopened.since(Instant.EPOCH, 1000)).hasSize(500);
            assertThat(reopened.dataflow(Instant.EPOCH)).singleElement()
                    .satisfies(r -> assertThat(r.bytesSent()).isEqualTo(499L * 500 / 2));
        }
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void entriesPastTheRetentionAreDeleted() {
        try (JdbcLedgerStore store = JdbcLedgerStore.openOwning(new SqliteDatabases(dir.resolve("retention")))) {
            Instant now = Instant.now();
            store.append(List.of(
                    new LedgerEntry(now.minus(Duration.ofDays(40)), null, null, null, "chat", "p", "h:1", null, "p/m",
                            1, 1, 0, 0, BigDecimal.ZERO, "ok"),
                    new LedgerEntry(now, null, null, null, "chat", "p", "h:1", null, "p/m", 2, 2, 0, 0,
                            new BigDecimal("0.000000150"), "ok")));

            assertThat(store.deleteBefore(now.minus(Duration.ofDays(30)))).isEqualTo(1);
            assertThat(store.since(Instant.EPOCH, 10)).singleElement().satisfies(e -> {
                assertThat(e.regionLabel()).isEqualTo("unknown");
                assertThat(e.costUsd()).isEqualByComparingTo("0.00000015");
            });
        }
    }
}
