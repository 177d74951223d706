package dev.clawgate.routing;

import dev.clawgate.testing.MutableClock;

import static dev.clawgate.routing.FakeAdapter.breaksAfterFirst;
import static dev.clawgate.routing.FakeAdapter.empty;
import static dev.clawgate.routing.FakeAdapter.fail;
import static dev.clawgate.routing.FakeAdapter.ok;
import static dev.clawgate.routing.FakeAdapter.startThen;
import static dev.clawgate.routing.FakeAdapter.waitsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FailoverRouterTest {

    private final MutableClock clock = new MutableClock();
    private final CooldownTracker cooldowns = new CooldownTracker(clock);
    private final FakeAdapter responses = new FakeAdapter("openai-responses");
    private final FakeAdapter messages = new FakeAdapter("anthropic-messages");
    private final FakeAdapter completions = new FakeAdapter("openai-completions");
    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    private final ModelSpec local = Specs.localMinimax();
    private final ModelSpec local2 = Specs.localQwen();
    private final ModelSpec hosted = Specs.sonnet();

    private FailoverRouter.Builder builder(List<ModelSpec> chain) {
        Map<String, UpstreamAdapter> adapters = Map.of(responses.api(), responses, messages.api(), messages,
                completions.api(), completions);
        return FailoverRouter.builder((requested, options) -> chain, api -> {
                    UpstreamAdapter a = adapters.get(api);
                    if (a == null) {
                        throw new IllegalArgumentException("No upstream adapter for api '" + api + "'");
                    }
                    return a;
                })
                .cooldowns(cooldowns).clock(clock)
                .sleeper(d -> {
                    slept.add(d);
                    clock.advance(d);
                });
    }

    private FailoverRouter router(ModelSpec... chain) {
        return builder(List.of(chain)).build();
    }

    private static ChatRequest request() {
        return ChatRequest.ofUserText(null, "hi");
    }

    private static String text(RoutedStream s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            StreamEvent e = s.next();
            if (e == null) {
                break;
            }
            if (e instanceof StreamEvent.TextDelta t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    @Test
    void primaryAnswersWithoutFallback() {
        RoutedStream s = router(local, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(local);
        assertThat(s.fellBack()).isFalse();
        assertThat(s.attempts()).extracting(Attempt::summary).containsExactly("lmstudio/minimax-m2.1-gs32: ok");
        assertThat(s.next()).isInstanceOf(StreamEvent.Start.class);
        assertThat(text(s)).isEqualTo("hello from lmstudio/minimax-m2.1-gs32");
        assertThat(messages.calls).isEmpty();
    }

    @Test
    void connectionRefusedFallsBackAtOnceAndCoolsTheWholeProvider() {
        responses.on(local, fail(FailureClass.CONNECTION_REFUSED, 0, "connection refused"));
        long t0 = System.nanoTime();

        RoutedStream s = router(local, local2, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
        assertThat(s.model()).isSameAs(hosted);
        // The sibling on the same (refusing) server is skipped, not tried: the provider is cooling.
        assertThat(RouteHeaders.attempts(s.attempts())).isEqualTo("lmstudio/minimax-m2.1-gs32=connection-refused,"
                + "lmstudio/qwen3-8b=skipped-connection-refused,anthropic/claude-sonnet-4-5=ok");
        assertThat(s.attempts().get(1).message()).isEqualTo("provider lmstudio cooling down for 30s after connection-refused");
        assertThat(responses.calls).containsExactly(local.ref());
        assertThat(slept).isEmpty();
        assertThat(cooldowns.snapshot()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("lmstudio/*");
            assertThat(c.reason()).isEqualTo(FailureClass.CONNECTION_REFUSED);
            assertThat(c.until()).isEqualTo(clock.instant().plusSeconds(30));
            assertThat(c.failures()).isEqualTo(1);
            assertThat(c.probing()).isFalse();
        });
    }

    @Test
    void serverErrorIsNotRetriedOnTheSameModel() {
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "Internal Server Error"));

        RoutedStream s = router(local, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(hosted);
        assertThat(responses.callsTo(local)).isEqualTo(1);
        assertThat(slept).isEmpty();
        assertThat(cooldowns.state("lmstudio/minimax-m2.1-gs32")).isPresent();
        assertThat(cooldowns.state("lmstudio/*")).isEmpty(); // model scope: siblings stay usable
    }

    @Test
    void skippingACoolingCandidateCostsNoTimeAndNoConnection() {
        responses.on(local, fail(FailureClass.RATE_LIMIT, 429, "rate limited", Duration.ofSeconds(24)));
        FailoverRouter router = router(local, hosted);
        router.open(request(), RouteOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(6));

        long t0 = System.nanoTime();
        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
        assertThat(responses.callsTo(local)).isEqualTo(1); // not contacted the second time
        Attempt skipped = s.attempts().get(0);
        assertThat(skipped.skipped()).isTrue();
        assertThat(skipped.duration()).isZero();
        // 30 s step (Retry-After 24 s is shorter), 6 s gone.
        assertThat(skipped.message()).isEqualTo("cooling down for 24s after rate-limit");
        assertThat(skipped.summary()).isEqualTo("lmstudio/minimax-m2.1-gs32: cooling down for 24s after rate-limit (skipped)");
        assertThat(s.model()).isSameAs(hosted);
        assertThat(slept).isEmpty();
    }

    @Test
    void longRetryAfterCoolsForAtLeastThatAndMovesOnWithoutWaiting() {
        responses.on(local, fail(FailureClass.RATE_LIMIT, 429, "rate limited", Duration.ofSeconds(90)));

        RoutedStream s = router(local, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(hosted);
        assertThat(slept).isEmpty();
        assertThat(cooldowns.state(local.ref()).orElseThrow().until()).isEqualTo(clock.instant().plusSeconds(90));
    }

    @Test
    void shortRetryAfterIsWaitedOutAndTheSameModelRetriedOnce() {
        responses.on(local, fail(FailureClass.RATE_LIMIT, 429, "slow down", Duration.ofSeconds(1)));

        RoutedStream s = router(local, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(slept).containsExactly(Duration.ofSeconds(1));
        assertThat(s.model()).isSameAs(local);
        assertThat(s.fellBack()).isFalse();
        assertThat(RouteHeaders.attempts(s.attempts()))
                .isEqualTo("lmstudio/minimax-m2.1-gs32=rate-limit,lmstudio/minimax-m2.1-gs32=ok");
        assertThat(RouteHeaders.of(s)).doesNotContainKey(RouteHeaders.FALLBACK_REASON);
        assertThat(messages.calls).isEmpty();
        assertThat(cooldowns.snapshot()).isEmpty();
    }

    @Test
    void shortRetryAfterIsRetriedOnlyOnceThenTheModelCools() {
        responses.on(local, fail(FailureClass.RATE_LIMIT, 429, "slow down", Duration.ofSeconds(2)),
                fail(FailureClass.RATE_LIMIT, 429, "slow down", Duration.ofSeconds(2)));

        RoutedStream s = router(local, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(slept).containsExactly(Duration.ofSeconds(2));
        assertThat(responses.callsTo(local)).isEqualTo(2);
        assertThat(s.model()).isSameAs(hosted);
        assertThat(cooldowns.state(local.ref()).orElseThrow().reason()).isEqualTo(FailureClass.RATE_LIMIT);
    }

    @Test
    void contextOverflowSkipsSameSizedFallbacksAndGoesToALargerWindow() {
        String vllm = "This model's maximum context length is 32768 tokens. However, you requested 33077 tokens "
                + "(1077 in the messages, 32000 in the completion). Please reduce the length of the messages or completion.";
        responses.on(local, fail(FailureClass.CONTEXT_OVERFLOW, 400, vllm));

        RoutedStream s = router(local, local2, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(hosted);
        assertThat(responses.calls).containsExactly(local.ref()); // local2 (also 32768) never contacted
        assertThat(s.attempts().get(1).skipped()).isTrue();
        assertThat(s.attempts().get(1).failure()).isEqualTo(FailureClass.CONTEXT_OVERFLOW);
        assertThat(cooldowns.snapshot()).isEmpty(); // an overflow says nothing about health
    }

    @Test
    void contextOverflowWithoutALargerFallbackIsRethrownWithWindowAndSize() {
        String vllm = "This model's maximum context length is 32768 tokens. However, you requested 33077 tokens "
                + "(1077 in the messages, 32000 in the completion).";
        responses.on(local, fail(FailureClass.CONTEXT_OVERFLOW, 400, vllm));

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> router(local, local2).open(request(), RouteOptions.DEFAULT));

        assertThat(e.failure()).isEqualTo(FailureClass.CONTEXT_OVERFLOW);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("Context overflow: the request needs 33077 tokens but "
                + "lmstudio/minimax-m2.1-gs32's context window is 32768 tokens, and no fallback has a larger window");
        assertThat(responses.calls).containsExactly(local.ref());
    }

    @Test
    void overflowUsesTheServersRealWindowWhenSmallerThanTheCatalogs() {
        // LM Studio loaded with 4096 although the catalog says 32768: the 32768 sibling may well fit.
        ModelSpec small = Specs.model(Specs.lmstudio(), "small", 32_768);
        ModelSpec bigger = Specs.model(Specs.provider("vllm", "http://10.0.0.5:8000/v1", "openai-completions",
                Duration.ofSeconds(30)), "qwen", 32_768);
        responses.on(small, fail(FailureClass.CONTEXT_OVERFLOW, 400, "Trying to keep the first 5000 tokens when "
                + "context the overflows. However, the model is loaded with context length of only 4096 tokens"));

        RoutedStream s = router(small, bigger).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(bigger);
    }

    @Test
    void overflowWithoutNumbersNamesTheCatalogWindow() {
        responses.on(local, fail(FailureClass.CONTEXT_OVERFLOW, 400, "context length exceeded"));

        assertThatThrownBy(() -> router(local).open(request(), RouteOptions.DEFAULT))
                .isInstanceOf(UpstreamException.class)
                .hasMessageStartingWith("Context overflow: the request does not fit lmstudio/minimax-m2.1-gs32's "
                        + "context window of 32768 tokens");
    }

    @Test
    void badRequestStopsTheChain() {
        responses.on(local, fail(FailureClass.BAD_REQUEST, 400, "tool_use_id mismatch"));

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> router(local, hosted).open(request(), RouteOptions.DEFAULT));

        assertThat(e.failure()).isEqualTo(FailureClass.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("tool_use_id mismatch");
        assertThat(messages.calls).isEmpty();
        assertThat(cooldowns.snapshot()).isEmpty();
    }

    @Test
    void cancelledClientStopsTheChain() {
        responses.on(local, fail(FailureClass.CLIENT_CANCELLED, 0, "client went away"));

        assertThatThrownBy(() -> router(local, hosted).open(request(), RouteOptions.DEFAULT))
                .isInstanceOf(UpstreamException.class).hasMessage("client went away");
        assertThat(messages.calls).isEmpty();
    }

    @Test
    void emptyStreamIsAMalformedResponseAndFallsBack() {
        responses.on(local, empty());

        RoutedStream s = router(local, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(hosted);
        assertThat(s.attempts().get(0).failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
    }

    @Test
    void failureRightAfterTheStartFrameStillFallsBack() {
        responses.on(local, startThen(new StreamEvent.Error(FailureClass.OVERLOADED, "overloaded_error")),
                startThen(null));

        FailoverRouter router = router(local, hosted);
        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);
        assertThat(s.model()).isSameAs(hosted);
        assertThat(s.attempts().get(0).failure()).isEqualTo(FailureClass.OVERLOADED);

        // And the start frame is replayed, not lost, when the candidate does answer.
        assertThat(s.next()).isInstanceOf(StreamEvent.Start.class);
        assertThat(s.next()).isInstanceOf(StreamEvent.TextDelta.class);
    }

    @Test
    void allFailedListsEveryAttempt() {
        responses.on(local, fail(FailureClass.CONNECTION_REFUSED, 0, "connection refused"));
        messages.on(hosted, fail(FailureClass.AUTH, 401, "invalid x-api-key"));

        AllCandidatesFailedException e = catchThrowableOfType(AllCandidatesFailedException.class,
                () -> router(local, hosted).open(request(), RouteOptions.DEFAULT));

        assertThat(e.getMessage()).isEqualTo("All models failed (2): lmstudio/minimax-m2.1-gs32: connection refused"
                + " | anthropic/claude-sonnet-4-5: 401 invalid x-api-key (auth)");
        assertThat(e.attempts()).hasSize(2);
    }

    @Test
    void singleCandidateFailureIsStillTheSummaryException() {
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "boom"));

        assertThatThrownBy(() -> router(local).open(request(), RouteOptions.DEFAULT))
                .isInstanceOf(AllCandidatesFailedException.class)
                .hasMessage("All models failed (1): lmstudio/minimax-m2.1-gs32: 500 boom (server-error)");
    }

    @Test
    void hostedCandidateWithoutAKeyIsSkippedWithoutSendingThePrompt() {
        ProviderSpec keyless = new ProviderSpec("anthropic", "https://api.anthropic.com", "anthropic-messages", null,
                null, java.util.Map.of(), false, java.time.Duration.ofSeconds(60), null, true, false);
        ModelSpec sonnetWithoutKey = Specs.model(keyless, "claude-sonnet-4-5", 200_000);

        RoutedStream s = router(sonnetWithoutKey, local).open(request(), RouteOptions.DEFAULT);

        assertThat(messages.calls).isEmpty();
        assertThat(s.model()).isSameAs(local);
        assertThat(s.attempts().get(0).skipped()).isTrue();
        assertThat(s.attempts().get(0).message()).isEqualTo("no API key for anthropic: not contacted (set "
                + "ANTHROPIC_API_KEY or models.providers.anthropic.apiKey)");
    }

    @Test
    void privacyLocalOnlyNeverContactsAHostedProvider() {
        RoutedStream s = router(hosted, local).open(request(), new RouteOptions(null, true));

        assertThat(messages.calls).isEmpty();
        assertThat(s.model()).isSameAs(local);
        Attempt skipped = s.attempts().get(0);
        assertThat(skipped.skipped()).isTrue();
        assertThat(skipped.message()).isEqualTo(
                "privacy local-only: anthropic/claude-sonnet-4-5 is hosted (api.anthropic.com) and was not contacted");
        assertThat(RouteHeaders.of(s)).containsEntry(RouteHeaders.ATTEMPTS,
                "anthropic/claude-sonnet-4-5=skipped-not-local,lmstudio/minimax-m2.1-gs32=ok");
    }

    @Test
    void privacyLocalOnlyWithOnlyHostedCandidatesExplainsAndContactsNothing() {
        PrivacyBlockedException e = catchThrowableOfType(PrivacyBlockedException.class,
                () -> router(hosted).open(request(), PrivacyPolicy.apply(RouteOptions.DEFAULT, dev.clawgate.config.PrivacyConfig.LOCAL_ONLY_POLICY)));

        assertThat(e.getMessage()).isEqualTo("privacy local-only: anthropic/claude-sonnet-4-5 is hosted "
                + "(api.anthropic.com) and was not contacted; configure a local model");
        assertThat(e.attempts()).singleElement().satisfies(a -> assertThat(a.skipped()).isTrue());
        assertThat(messages.calls).isEmpty();
        assertThat(responses.calls).isEmpty();
    }

    @Test
    void localOnlyFailureOfTheLocalModelDoesNotLeakToHosted() {
        responses.on(local, fail(FailureClass.CONNECTION_REFUSED, 0, "connection refused"));

        assertThatThrownBy(() -> router(local, hosted).open(request(), new RouteOptions(null, true)))
                .isInstanceOf(AllCandidatesFailedException.class)
                .hasMessageContaining("anthropic/claude-sonnet-4-5: privacy local-only");
        assertThat(messages.calls).isEmpty();
    }

    @Test
    void providerParamsAndFirstByteTimeoutReachTheAdapter() {
        ModelSpec routed = Specs.model(Specs.openrouter(), "moonshotai/kimi-k2", 131_072);

        router(routed).open(request(), RouteOptions.DEFAULT);

        assertThat(completions.models).singleElement().isSameAs(routed);
        assertThat(completions.models.get(0).provider().params().toString())
                .isEqualTo("{\"provider\":{\"order\":[\"groq\"]}}");
        assertThat(completions.options.get(0).firstByteTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(completions.options.get(0).connectTimeout()).isEqualTo(CallOptions.DEFAULT.connectTimeout());
    }

    @Test
    void afterTheCooldownTheLocalPrimaryIsProbedAndWinsBack() {
        responses.on(local, fail(FailureClass.CONNECTION_REFUSED, 0, "connection refused"));
        FailoverRouter router = router(local, hosted);
        FallbackNotices notices = new FallbackNotices();

        RoutedStream first = router.open(request(), RouteOptions.DEFAULT);
        assertThat(notices.update("chat-1", first)).contains(
                "↪ Model fallback: anthropic/claude-sonnet-4-5 (selected lmstudio/minimax-m2.1-gs32; connection refused)");
        assertThat(RouteHeaders.of(first)).containsExactly(
                Map.entry("x-clawgate-model", "anthropic/claude-sonnet-4-5"),
                Map.entry("x-clawgate-attempts",
                        "lmstudio/minimax-m2.1-gs32=connection-refused,anthropic/claude-sonnet-4-5=ok"),
                Map.entry("x-clawgate-fallback-reason", "connection-refused"));

        RoutedStream second = router.open(request(), RouteOptions.DEFAULT);
        assertThat(second.model()).isSameAs(hosted);
        assertThat(notices.update("chat-1", second)).isEmpty(); // once per change

        clock.advance(Duration.ofSeconds(30));
        RoutedStream third = router.open(request(), RouteOptions.DEFAULT);

        assertThat(third.model()).isSameAs(local);
        assertThat(notices.update("chat-1", third)).contains("↪ Back on lmstudio/minimax-m2.1-gs32");
        assertThat(cooldowns.snapshot()).isEmpty();
        assertThat(RouteHeaders.of(third)).containsOnlyKeys("x-clawgate-model", "x-clawgate-attempts");
    }

    @Test
    void onlyOneHalfOpenProbeAtATime() throws Exception {
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "boom"));
        FailoverRouter router = router(local, hosted);
        router.open(request(), RouteOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(30));

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        responses.on(local, waitsFor(release, entered));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RoutedStream> probe = pool.submit(() -> router.open(request(), RouteOptions.DEFAULT));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            RoutedStream meanwhile = router.open(request(), RouteOptions.DEFAULT);
            assertThat(meanwhile.model()).isSameAs(hosted);
            assertThat(meanwhile.attempts().get(0).message()).isEqualTo("recovery probe in flight after server-error");
            assertThat(cooldowns.state(local.ref()).orElseThrow().probing()).isTrue();

            release.countDown();
            assertThat(probe.get(5, TimeUnit.SECONDS).model()).isSameAs(local);
        }
        assertThat(cooldowns.snapshot()).isEmpty();
        assertThat(router.open(request(), RouteOptions.DEFAULT).model()).isSameAs(local);
    }

    @Test
    void failedProbeMovesToTheNextStep() {
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "boom"), fail(FailureClass.SERVER_ERROR, 500, "boom"));
        FailoverRouter router = router(local, hosted);
        router.open(request(), RouteOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(30));

        router.open(request(), RouteOptions.DEFAULT);

        CooldownState state = cooldowns.state(local.ref()).orElseThrow();
        assertThat(state.failures()).isEqualTo(2);
        assertThat(state.until()).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(state.probing()).isFalse();
    }

    @Test
    void midStreamFailureIsPassedOnAndCountedAgainstTheModel() {
        responses.on(local, breaksAfterFirst(FailureClass.STREAM_INTERRUPTED));
        FailoverRouter router = router(local, hosted);

        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(local);
        assertThat(s.next()).isInstanceOf(StreamEvent.TextDelta.class);
        assertThatThrownBy(s::next).isInstanceOf(UpstreamException.class).hasMessageContaining("mid-stream");
        assertThat(cooldowns.state(local.ref()).orElseThrow().reason()).isEqualTo(FailureClass.STREAM_INTERRUPTED);
        assertThat(router.open(request(), RouteOptions.DEFAULT).model()).isSameAs(hosted);
    }

    @Test
    void whenEveryCandidateIsCoolingTheSoonestIsTriedAnywayAsAProbe() {
        responses.on(local, fail(FailureClass.CONNECTION_REFUSED, 0, "connection refused"));
        FailoverRouter router = router(local);
        assertThatThrownBy(() -> router.open(request(), RouteOptions.DEFAULT))
                .isInstanceOf(AllCandidatesFailedException.class);
        clock.advance(Duration.ofSeconds(5)); // server restarted; still inside the 30 s cooldown

        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(local);
        assertThat(RouteHeaders.attempts(s.attempts()))
                .as("one entry per contact, the probe marked")
                .isEqualTo("lmstudio/minimax-m2.1-gs32=probe-ok");
        assertThat(cooldowns.snapshot()).isEmpty();
    }

    @Test
    void lastResortHonoursARunningRetryAfter() {
        responses.on(local, fail(FailureClass.RATE_LIMIT, 429, "quota", Duration.ofSeconds(60)));
        FailoverRouter router = router(local);
        assertThatThrownBy(() -> router.open(request(), RouteOptions.DEFAULT))
                .isInstanceOf(AllCandidatesFailedException.class);

        assertThatThrownBy(() -> router.open(request(), RouteOptions.DEFAULT))
                .isInstanceOf(AllCandidatesFailedException.class)
                .hasMessage("All models failed (1): lmstudio/minimax-m2.1-gs32: cooling down for 60s after rate-limit (skipped)");
        assertThat(responses.callsTo(local)).isEqualTo(1);
    }

    @Test
    void routerGuardEndsAHungAdapterThatNeverTimesOut() {
        CountDownLatch never = new CountDownLatch(1);
        CallOptions tight = new CallOptions(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofSeconds(5));
        ModelSpec noProviderTimeout = Specs.model(Specs.provider("lmstudio", "http://127.0.0.1:1234/v1",
                "openai-responses", null), "m", 8192);
        responses.on(noProviderTimeout, waitsFor(never, new CountDownLatch(1)));
        FailoverRouter router = builder(List.of(noProviderTimeout, hosted)).callOptions(tight)
                .guardGrace(Duration.ZERO).build();
        long t0 = System.nanoTime();

        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);

        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(s.model()).isSameAs(hosted);
        assertThat(s.attempts().get(0).failure()).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
        assertThat(took).isBetween(Duration.ofMillis(190), Duration.ofMillis(1500));
    }

    @Test
    void deadLocalServerFoundByTheLoadProbeIsNeverSentTheRequest() {
        FailoverRouter router = builder(List.of(local, hosted))
                .loadProbe((m, cap) -> LoadState.of(LoadState.Kind.REFUSED, "nothing listens on 127.0.0.1:1234"))
                .build();

        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);

        assertThat(responses.calls).isEmpty();
        assertThat(s.model()).isSameAs(hosted);
        assertThat(s.attempts().get(0).summary())
                .isEqualTo("lmstudio/minimax-m2.1-gs32: nothing listens on 127.0.0.1:1234 (connection-refused)");
    }

    @Test
    void loadingLocalModelKeepsItsFullFirstByteTimeoutAndHostedIsNeverProbed() {
        List<String> probed = new CopyOnWriteArrayList<>();
        List<Duration> caps = new CopyOnWriteArrayList<>();
        FailoverRouter router = builder(List.of(local, hosted)).loadProbe((m, cap) -> {
            probed.add(m.ref());
            caps.add(cap);
            return LoadState.of(LoadState.Kind.NOT_LOADED, "not-loaded");
        }).build();

        RoutedStream s = router.open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(local);
        assertThat(responses.options.get(0).firstByteTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(caps).containsExactly(Duration.ofSeconds(300));
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "x"));
        router.open(request(), RouteOptions.DEFAULT);
        assertThat(probed).containsOnly(local.ref());
    }

    @Test
    void missingAdapterIsThatCandidatesFailure() {
        ModelSpec ollama = Specs.model(Specs.provider("ollama", "http://127.0.0.1:11434", "ollama", null), "qwen3", 8192);

        RoutedStream s = router(ollama, hosted).open(request(), RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(hosted);
        assertThat(s.attempts().get(0).message()).isEqualTo("no upstream adapter for api 'ollama'");
    }

    @Test
    void unknownModelFromTheResolverPropagates() {
        FailoverRouter router = FailoverRouter.builder((requested, options) -> {
            throw new UnknownModelException(requested, "Unknown model: " + requested, List.of("lmstudio/x"));
        }, api -> responses).clock(clock).build();

        assertThatThrownBy(() -> router.open(ChatRequest.ofUserText("nope/x", "hi"), RouteOptions.DEFAULT))
                .isInstanceOf(UnknownModelException.class).hasMessage("Unknown model: nope/x");
        assertThat(responses.calls).isEmpty();
    }
}
