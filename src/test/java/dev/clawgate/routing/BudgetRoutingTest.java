package dev.clawgate.routing;

import static dev.clawgate.testing.FakeUpstream.answer;
import static dev.clawgate.testing.FakeUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.budget.BudgetStatus;
import dev.clawgate.budget.Budgets;
import dev.clawgate.budget.SpendStore;
import dev.clawgate.budget.WorstCase;
import dev.clawgate.catalog.ModelCost;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.BudgetsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Budgets enforced by the router against loopback upstreams: a priced candidate is contacted only once its
 * worst case is reserved, the reservation settles to the usage the upstream reported, and a budget shared
 * by concurrent calls is never overrun.
 */
@Timeout(20)
class BudgetRoutingTest {

    /** USD 1000 per 1M tokens in and out: the fake's usage (5 in, 3 out) costs exactly $0.008. */
    private static final ModelCost PRICES = new ModelCost(1000, 1000, 0, 0);
    private static final BigDecimal REAL_COST = new BigDecimal("0.008");

    private final MutableClock clock = new MutableClock();
    private final AtomicReference<BudgetsConfig> budgets = new AtomicReference<>(BudgetsConfig.EMPTY);
    private Http1Transport transport;
    private FakeUpstream cloud;
    private FakeUpstream local;
    private Budgets ledger;

    @BeforeEach
    void start() throws Exception {
        transport = new Http1Transport();
        cloud = new FakeUpstream().on("/", answer("from the cloud"));
        local = new FakeUpstream().on("/", answer("from the local model"));
        ledger = new Budgets(() -> new ClawgateConfig(null, null, null, null, List.of(), null, budgets.get()),
                SpendStore.inMemory(), clock);
    }

    @AfterEach
    void stop() {
        cloud.close();
        local.close();
        transport.close();
    }

    private ModelSpec cloudModel() {
        return new ModelSpec(Specs.provider("cloud", cloud.baseUrl(), "openai-completions", Duration.ofSeconds(5)),
                "big", "big", "openai-completions", false, List.of("text"), PRICES, 100_000, null, 1000, null, true);
    }

    private ModelSpec localModel() {
        return Specs.model(Specs.provider("lmstudio", local.baseUrl(), "openai-completions", Duration.ofSeconds(5)),
                "small", 32_768);
    }

    private FailoverRouter router() {
        List<ModelSpec> chain = List.of(cloudModel(), localModel());
        return FailoverRouter.builder((model, options) -> chain, new UpstreamAdapters(transport)::forApi)
                .clock(clock).budgets(ledger).build();
    }

    private static ChatRequest request(int maxTokens) {
        return ChatRequest.ofUserText(null, "hi").withMaxOutputTokens(maxTokens);
    }

    private BigDecimal worstCase(int maxTokens) {
        ChatRequest r = request(maxTokens);
        return WorstCase.cost(cloudModel(), r, TokenEstimator.shared().estimatePromptTokens(r));
    }

    private void gatewayBudget(BigDecimal daily, String onExceeded) {
        budgets.set(new BudgetsConfig(new BudgetsConfig.Budget(daily.doubleValue(), null, onExceeded, null), null,
                Map.of()));
    }

    private static String drain(EventStream stream) {
        return StreamText.drain(stream);
    }

    private BudgetStatus gatewayDaily() {
        return ledger.status().stream().filter(s -> s.scope().equals("gateway")).findFirst().orElseThrow();
    }

    @Test
    void aReservationHoldsTheWorstCaseInFlightAndSettlesToTheReportedUsage() {
        gatewayBudget(new BigDecimal("1.00"), "refuse");
        RoutedStream routed = router().open(request(100), RouteOptions.DEFAULT);
        assertThat(routed.model().ref()).isEqualTo("cloud/big");
        assertThat(BigDecimal.valueOf(gatewayDaily().reservedUsd())).isEqualByComparingTo(worstCase(100));

        assertThat(drain(routed)).isEqualTo("from the cloud");

        assertThat(gatewayDaily().reservedUsd()).isZero();
        assertThat(BigDecimal.valueOf(gatewayDaily().spentUsd())).isEqualByComparingTo(REAL_COST);
        assertThat(gatewayDaily().resetsAt()).hasToString("2026-01-02T00:00:00Z");
    }

    @Test
    void aBudgetExhaustedMidConversationSkipsTheHostedModelWithoutContactAndTheLocalOneAnswers() {
        // room for one call's worst case (100 output tokens, $0.1 and a little), not for a second after it
        BigDecimal limit = worstCase(100).add(new BigDecimal("0.005"));
        gatewayBudget(limit, "local-only");
        FailoverRouter router = router();

        assertThat(drain(router.open(request(100), RouteOptions.DEFAULT))).isEqualTo("from the cloud");
        RoutedStream second = router.open(request(100), RouteOptions.DEFAULT);

        assertThat(drain(second)).isEqualTo("from the local model");
        assertThat(cloud.requestsTo("/")).as("the hosted model was not contacted again").isEqualTo(1);
        assertThat(RouteHeaders.attempts(second.attempts()))
                .isEqualTo("cloud/big=skipped-budget,lmstudio/small=ok");
        assertThat(second.attempts().get(0).message()).contains("budget gateway daily", "resets at 2026-01-02T00:00:00Z");
        assertThat(BigDecimal.valueOf(gatewayDaily().spentUsd())).isEqualByComparingTo(REAL_COST);
    }

    @Test
    void refuseStopsTheChainWithTheBudgetTheLimitAndTheReset() {
        gatewayBudget(BigDecimal.ZERO, "refuse");

        BudgetExceededException e = catchThrowableOfType(
                () -> router().open(request(100), RouteOptions.DEFAULT), BudgetExceededException.class);

        assertThat(e.getMessage()).contains("budget gateway daily", "spent $0.00 of $0.00", "resets at 2026-01-02T00:00:00Z");
        assertThat(e.retryAfter()).contains(Duration.ofDays(1));
        assertThat(cloud.requestsTo("/") + local.requestsTo("/")).as("nothing contacted").isZero();
    }

    /** The same upstream priced a thousand times cheaper: its worst case fits where cloud/big's does not. */
    private ModelSpec cheapModel() {
        return new ModelSpec(Specs.provider("cloud", cloud.baseUrl(), "openai-completions", Duration.ofSeconds(5)),
                "cheap", "cheap", "openai-completions", false, List.of("text"), new ModelCost(1, 1, 0, 0), 100_000,
                null, 1000, null, true);
    }

    private FailoverRouter routerWithCheaperFallback() {
        List<ModelSpec> chain = List.of(cloudModel(), cheapModel(), localModel());
        return FailoverRouter.builder((model, options) -> chain, new UpstreamAdapters(transport)::forApi)
                .clock(clock).budgets(ledger).build();
    }

    @Test
    void refuseSkipsAModelThatDoesNotFitAndACheaperHostedOneLaterInTheChainAnswers() {
        gatewayBudget(worstCase(100).divide(BigDecimal.TEN), "refuse");

        RoutedStream routed = routerWithCheaperFallback().open(request(100), RouteOptions.DEFAULT);

        assertThat(routed.model().ref()).isEqualTo("cloud/cheap");
        assertThat(drain(routed)).isEqualTo("from the cloud");
        assertThat(RouteHeaders.attempts(routed.attempts())).isEqualTo("cloud/big=skipped-budget,cloud/cheap=ok");
        assertThat(cloud.modelCalls()).hasSize(1);
        assertThat(cloud.modelCalls().get(0).body()).contains("\"model\":\"cheap\"");
        assertThat(local.modelCalls()).as("refuse never degrades to the free model").isEmpty();
    }

    @Test
    void refuseFailsWhenNoLaterCandidateFitsAndNeverDegradesToTheFreeModel() {
        gatewayBudget(BigDecimal.ZERO, "refuse");

        BudgetExceededException e = catchThrowableOfType(
                () -> routerWithCheaperFallback().open(request(100), RouteOptions.DEFAULT), BudgetExceededException.class);

        assertThat(e.getMessage()).contains("budget gateway daily");
        assertThat(RouteHeaders.attempts(e.attempts())).isEqualTo("cloud/big=skipped-budget,cloud/cheap=skipped-budget");
        assertThat(cloud.modelCalls()).isEmpty();
        assertThat(local.modelCalls()).isEmpty();
    }

    @Test
    void aFailedCallReleasesItsReservation() {
        cloud.on("/", status(500, "application/json", "{\"error\":{\"message\":\"boom\"}}"));
        gatewayBudget(new BigDecimal("1.00"), "refuse");

        assertThat(drain(router().open(request(100), RouteOptions.DEFAULT))).isEqualTo("from the local model");

        assertThat(gatewayDaily().reservedUsd()).isZero();
        assertThat(gatewayDaily().spentUsd()).isZero();
    }

    @Test
    void twoConcurrentCallsSharingABudgetNeverBothTakeTheLastRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        cloud.on("/", (req, socket, out) -> {
            release.await(10, TimeUnit.SECONDS);
            answer("from the cloud").handle(req, socket, out);
        });
        // one worst case fits, two do not
        gatewayBudget(worstCase(100).multiply(new BigDecimal("1.5")), "refuse");
        FailoverRouter router = router();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<String> first = pool.submit(() -> drain(router.open(request(100), RouteOptions.DEFAULT)));
            assertThat(cloud.awaitRequests("/v1/chat/completions", 1, Duration.ofSeconds(5))).isTrue();

            Future<Object> second = pool.submit(() -> router.open(request(100), RouteOptions.DEFAULT));
            Throwable refused = catchThrowableOfType(() -> second.get(5, TimeUnit.SECONDS), java.util.concurrent.ExecutionException.class)
                    .getCause();
            assertThat(refused).isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("reserved by calls in flight");

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("from the cloud");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(cloud.requestsTo("/")).isEqualTo(1);
        assertThat(BigDecimal.valueOf(gatewayDaily().spentUsd())).isEqualByComparingTo(REAL_COST);
        assertThat(gatewayDaily().reservedUsd()).isZero();
    }

    @Test
    void anAgentTurnIsChargedToTheAgentsBudgetAndAPlainCallToTheDefaultAgents() {
        budgets.set(new BudgetsConfig(null, new BudgetsConfig.Budget(1.0, null, "refuse", null),
                Map.of("coder", new BudgetsConfig.Budget(null, 0.0, "refuse", null))));
        FailoverRouter router = router();

        assertThat(drain(router.open(request(100), RouteOptions.DEFAULT))).isEqualTo("from the cloud");
        BudgetExceededException e = catchThrowableOfType(
                () -> router.open(request(100), RouteOptions.DEFAULT.forAgent("coder")), BudgetExceededException.class);

        assertThat(e.getMessage()).contains("budget agent:coder monthly", "resets at 2026-02-01T00:00:00Z");
        assertThat(ledger.status()).extracting(BudgetStatus::scope, BudgetStatus::period)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agent:main", "daily"),
                        org.assertj.core.groups.Tuple.tuple("agent:coder", "monthly"));
        assertThat(BigDecimal.valueOf(ledger.status().get(0).spentUsd())).isEqualByComparingTo(REAL_COST);
    }
}
