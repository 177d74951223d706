package dev.clawgate.routing;

import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;

import static dev.clawgate.testing.FakeUpstream.after;
import static dev.clawgate.testing.FakeUpstream.answer;
import static dev.clawgate.testing.FakeUpstream.dropAfterFirstByte;
import static dev.clawgate.testing.FakeUpstream.dropBeforeFirstByte;
import static dev.clawgate.testing.FakeUpstream.hang;
import static dev.clawgate.testing.FakeUpstream.json;
import static dev.clawgate.testing.FakeUpstream.sequence;
import static dev.clawgate.testing.FakeUpstream.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.testing.FakeUpstream.Dialect;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The failure matrix against real loopback servers through the real adapters and the JDK transport:
 * each way a local model server can fail, for each wire format, with the time until the fallback's
 * first event. First-byte timeout 300 ms; immediate failures must fall back well under a second.
 */
@Timeout(20)
class FailoverLoopbackTest {

    private static final Duration FIRST_BYTE = Duration.ofMillis(300);
    /** How far above the first-byte timeout a timed-out fallback may land (scheduling, a loopback call). */
    private static final Duration ABOVE_TIMEOUT = Duration.ofMillis(700);
    private static final Duration IMMEDIATE = Duration.ofMillis(1000);
    private static final CallOptions LIMITS = new CallOptions(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(20));

    private static Http1Transport transport;
    private static UpstreamAdapters adapters;

    private final MutableClock cooldownClock = new MutableClock();
    private final CooldownTracker cooldowns = new CooldownTracker(cooldownClock);
    private final List<FakeUpstream> servers = new ArrayList<>();
    private FakeUpstream hosted;

    @BeforeAll
    static void startTransport() throws Exception {
        transport = new Http1Transport();
        adapters = new UpstreamAdapters(transport);
        // Warm the HTTP client and the decoders so the first measured row does not pay class loading.
        try (FakeUpstream warm = new FakeUpstream().on("/", answer("warm"))) {
            for (Dialect d : Dialect.values()) {
                ModelSpec m = model("warm", warm.baseUrl(), api(d), Duration.ofSeconds(2), 8192);
                try (EventStream s = adapters.forApi(m.api()).open(request(), m, LIMITS)) {
                    for (int i = 0; i < 50 && s.next() != null; i++) {
                        // drain
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(FakeUpstream::close);
    }

    private FakeUpstream server() throws Exception {
        FakeUpstream s = new FakeUpstream();
        servers.add(s);
        return s;
    }

    private static String api(Dialect d) {
        return switch (d) {
            case COMPLETIONS -> "openai-completions";
            case RESPONSES -> "openai-responses";
            case MESSAGES -> "anthropic-messages";
            case OLLAMA -> "ollama";
        };
    }

    private static ModelSpec model(String provider, String baseUrl, String api, Duration firstByte, int window) {
        ProviderSpec p = Specs.provider(provider, baseUrl, api, firstByte);
        return Specs.model(p, provider.equals("anthropic") ? "claude-sonnet-4-5" : "qwen3-8b", window);
    }

    private static ChatRequest request() {
        return ChatRequest.ofUserText(null, "hi");
    }

    private ModelSpec local(FakeUpstream server, Dialect d) {
        return model("lmstudio", server.baseUrl(), api(d), FIRST_BYTE, 32_768);
    }

    private ModelSpec hostedFallback() throws Exception {
        hosted = server().on("/", answer("from the fallback"));
        return model("anthropic", hosted.root(), "anthropic-messages", Duration.ofSeconds(5), 200_000);
    }

    private FailoverRouter.Builder router(ModelSpec... chain) {
        return FailoverRouter.builder((requested, options) -> List.of(chain), adapters::forApi)
                .cooldowns(cooldowns).clock(Clock.systemUTC()).callOptions(LIMITS);
    }

    /** Opens, times the wait for the first event, then reads the whole answer. */
    private record Outcome(RoutedStream routed, Duration toFirstEvent, String text) {}

    private static Outcome run(FailoverRouter router, String row) {
        long t0 = System.nanoTime();
        RoutedStream routed = router.open(request(), RouteOptions.DEFAULT);
        Duration toFirst = Duration.ofNanos(System.nanoTime() - t0);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            StreamEvent e = routed.next();
            if (e == null) {
                break;
            }
            if (e instanceof StreamEvent.TextDelta t) {
                text.append(t.text());
            }
        }
        routed.close();
        System.out.printf("MATRIX %-40s %5d ms  %s%n", row, toFirst.toMillis(), RouteHeaders.attempts(routed.attempts()));
        return new Outcome(routed, toFirst, text.toString());
    }

    private void assertFellBackAtOnce(Outcome o, FailureClass expected) {
        assertThat(o.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(o.text()).isEqualTo("from the fallback");
        assertThat(o.routed().attempts().get(0).failure()).isEqualTo(expected);
        assertThat(o.toFirstEvent()).isLessThan(IMMEDIATE);
    }

    private void assertFellBackAfterTimeout(Outcome o) {
        assertThat(o.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(o.text()).isEqualTo("from the fallback");
        assertThat(o.routed().attempts().get(0).failure()).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
        assertThat(o.toFirstEvent()).isBetween(FIRST_BYTE, FIRST_BYTE.plus(ABOVE_TIMEOUT));
    }

    // ------------------------------------------------------------------ the matrix, per wire format

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void refusedConnectionFallsBackAtOnce(Dialect d) throws Exception {
        FakeUpstream gone = server();
        ModelSpec local = local(gone, d);
        gone.close();

        Outcome o = run(router(local, hostedFallback()).build(), d + " refused");

        assertFellBackAtOnce(o, FailureClass.CONNECTION_REFUSED);
        assertThat(cooldowns.state("lmstudio/*")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void acceptThenHangFallsBackJustAfterTheFirstByteTimeout(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", hang());

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " accept-then-hang");

        assertFellBackAfterTimeout(o);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void slowFirstByteWithinTheTimeoutDoesNotFailOver(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", after(Duration.ofMillis(100), answer("local answer")));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " slow first byte (100/300 ms)");

        assertThat(o.routed().model().provider().id()).isEqualTo("lmstudio");
        assertThat(o.text()).isEqualTo("local answer");
        assertThat(o.routed().attempts()).hasSize(1);
        assertThat(hosted.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void slowFirstBytePastTheTimeoutFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", after(Duration.ofMillis(1500), answer("too late")));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " slow first byte (1500/300 ms)");

        assertFellBackAfterTimeout(o);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void http500FallsBackWithoutRetrying(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(500, "application/json",
                "{\"error\":{\"message\":\"Internal server error\",\"type\":\"server_error\"}}"));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 500");

        assertFellBackAtOnce(o, FailureClass.SERVER_ERROR);
        assertThat(local.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void http503OverloadedFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(503, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 503 overloaded");

        assertFellBackAtOnce(o, FailureClass.OVERLOADED);
        assertThat(local.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void http429WithLongRetryAfterCoolsAndFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}",
                Map.of("Retry-After", "45")));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 429 Retry-After 45");

        assertFellBackAtOnce(o, FailureClass.RATE_LIMIT);
        CooldownState state = cooldowns.state("lmstudio/qwen3-8b").orElseThrow();
        assertThat(Duration.between(cooldownClock.instant(), state.until())).isEqualTo(Duration.ofSeconds(45));
        assertThat(local.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void errorInsideTheStreamBeforeAnyContentStillFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", FakeUpstream.errorInsideStreamBeforeContent());

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 200 then in-stream error");

        assertThat(o.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(o.text()).isEqualTo("from the fallback");
        assertThat(o.routed().attempts().get(0).failure()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(o.toFirstEvent()).isLessThan(IMMEDIATE);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void dropBeforeTheFirstByteFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", dropBeforeFirstByte());

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " drop before first byte");

        assertFellBackAtOnce(o, FailureClass.CONNECTION_RESET);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void dropAfterTheFirstByteIsTheStreamsFailureAndCountsAgainstTheModel(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", dropAfterFirstByte());
        FailoverRouter router = router(local(local, d), hostedFallback()).build();

        RoutedStream routed = router.open(request(), RouteOptions.DEFAULT);

        assertThat(routed.model().provider().id()).isEqualTo("lmstudio");
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> {
            for (int i = 0; i < 100 && routed.next() != null; i++) {
                // read until it breaks
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.failure().advancesFallback()).isTrue();
        System.out.printf("MATRIX %-40s  -> %s%n", d + " drop after first byte", e.failure().label());
        assertThat(cooldowns.snapshot()).isNotEmpty();
        assertThat(router.open(request(), RouteOptions.DEFAULT).model().provider().id()).isEqualTo("anthropic");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unknownModelInTheLocalServersWordingFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(404, "application/json",
                "{\"error\":\"model \\\"qwen3-8b\\\" not found, try pulling it first\"}"));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 404 unknown model");

        assertFellBackAtOnce(o, FailureClass.MODEL_NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void noModelLoadedFallsBack(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(400, "application/json", "{\"error\":\"No models loaded. "
                + "Please load a model in the developer page or use the `lms load` command.\"}"));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 400 no models loaded");

        assertFellBackAtOnce(o, FailureClass.MODEL_NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void contextOverflowGoesOnlyToALargerWindow(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(400, "application/json", "{\"object\":\"error\","
                + "\"message\":\"This model's maximum context length is 32768 tokens. However, you requested 33077 "
                + "tokens (1077 in the messages, 32000 in the completion). Please reduce the length of the messages "
                + "or completion.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"));
        FakeUpstream sameSize = server().on("/", answer("never"));
        ModelSpec sibling = model("vllm", sameSize.baseUrl(), api(d), FIRST_BYTE, 32_768);

        Outcome o = run(router(local(local, d), sibling, hostedFallback()).build(), d + " 400 context overflow");

        assertThat(o.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(o.routed().attempts().get(0).failure()).isEqualTo(FailureClass.CONTEXT_OVERFLOW);
        assertThat(sameSize.requests()).isEmpty();
        assertThat(o.toFirstEvent()).isLessThan(IMMEDIATE);

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> router(local(local, d), sibling).build().open(request(), RouteOptions.DEFAULT));
        assertThat(e.failure()).isEqualTo(FailureClass.CONTEXT_OVERFLOW);
        assertThat(e.getMessage()).contains("33077 tokens").contains("32768 tokens");
        assertThat(sameSize.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void badKeyFallsBackAndCoolsTheProvider(Dialect d) throws Exception {
        FakeUpstream local = server().on("/", status(401, "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}"));

        Outcome o = run(router(local(local, d), hostedFallback()).build(), d + " 401 bad key");

        assertThat(o.routed().attempts().get(0).failure()).isIn(FailureClass.AUTH, FailureClass.AUTH_PERMANENT);
        assertThat(o.toFirstEvent()).isLessThan(IMMEDIATE);
        assertThat(cooldowns.state("lmstudio/*")).isPresent();
    }

    // ------------------------------------------------------------------ across requests

    @Test
    void shortRetryAfterIsWaitedOutOnTheSameLocalModel() throws Exception {
        FakeUpstream local = server().on("/", sequence(
                status(429, "application/json", "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "1")),
                answer("after the wait")));

        Outcome o = run(router(local(local, Dialect.COMPLETIONS), hostedFallback()).build(), "429 Retry-After 1");

        assertThat(o.text()).isEqualTo("after the wait");
        assertThat(o.routed().fellBack()).isFalse();
        assertThat(o.toFirstEvent()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(hosted.requests()).isEmpty();
    }

    @Test
    void localDownThenHostedThenLocalAgainAfterTheCooldown() throws Exception {
        FakeUpstream first = server().on("/", answer("local"));
        int port = first.port();
        ModelSpec local = local(first, Dialect.RESPONSES);
        first.close();
        LocalModelState probe = new LocalModelState(LocalModelState.defaultClient(Duration.ofSeconds(1)),
                cooldownClock, Duration.ofSeconds(1), Duration.ofSeconds(5));
        FailoverRouter router = router(local, hostedFallback()).loadProbe(probe).build();

        Outcome down = run(router, "local down (probe)");
        assertThat(down.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(down.toFirstEvent()).isLessThan(IMMEDIATE);

        FakeUpstream back = new FakeUpstream(port)
                .on("/api/v0/models", json("{\"data\":[{\"id\":\"qwen3-8b\",\"state\":\"loaded\"}]}"))
                .on("/v1/", answer("local again"));
        servers.add(back);
        Outcome stillCooling = run(router, "local back, still cooling");
        assertThat(stillCooling.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(back.requestsTo("/v1/")).isZero();

        cooldownClock.advance(Duration.ofSeconds(30));
        Outcome recovered = run(router, "local back, cooldown over");

        assertThat(recovered.routed().model().provider().id()).isEqualTo("lmstudio");
        assertThat(recovered.text()).isEqualTo("local again");
        assertThat(cooldowns.snapshot()).isEmpty();
    }

    @Test
    void loadProbeFailsAHungLocalServerFastEvenWithALongProviderTimeout() throws Exception {
        FakeUpstream local = server().on("/", hang());
        // A cold-load-friendly 120 s first-byte timeout: without the probe this would wait two minutes.
        ModelSpec patient = model("lmstudio", local.baseUrl(), "openai-responses", Duration.ofSeconds(120), 32_768);
        LocalModelState probe = new LocalModelState(LocalModelState.defaultClient(Duration.ofMillis(300)),
                cooldownClock, Duration.ofMillis(300), Duration.ofSeconds(5));

        Outcome o = run(router(patient, hostedFallback()).loadProbe(probe).build(), "hung, 120 s timeout, probe 300 ms");

        assertThat(o.routed().model().provider().id()).isEqualTo("anthropic");
        assertThat(o.routed().attempts().get(0).failure()).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
        assertThat(o.toFirstEvent()).isBetween(Duration.ofMillis(300), Duration.ofMillis(1000));
        assertThat(local.requestsTo("/v1/responses")).isZero();
    }

    @Test
    void unloadedModelThatIsLoadingGetsItsFullTimeout() throws Exception {
        FakeUpstream local = server()
                .on("/api/v0/models", json("{\"data\":[{\"id\":\"qwen3-8b\",\"state\":\"not-loaded\"}]}"))
                .on("/v1/", after(Duration.ofMillis(600), answer("loaded and answering")));
        ModelSpec cold = model("lmstudio", local.baseUrl(), "openai-responses", Duration.ofSeconds(3), 32_768);
        LocalModelState probe = new LocalModelState(LocalModelState.defaultClient(Duration.ofMillis(300)),
                cooldownClock, Duration.ofMillis(300), Duration.ofSeconds(5));

        Outcome o = run(router(cold, hostedFallback()).loadProbe(probe).build(), "unloaded, loads in 600 ms");

        assertThat(o.text()).isEqualTo("loaded and answering");
        assertThat(hosted.requests()).isEmpty();
    }

    @Test
    void localOnlyNeverConnectsToAPublicHost() throws Exception {
        FakeUpstream local = server().on("/", answer("private answer"));
        List<String> hostedCalls = new CopyOnWriteArrayList<>();
        UpstreamAdapter realAnthropic = adapters.forApi("anthropic-messages");
        UpstreamAdapter watched = new UpstreamAdapter() {
            @Override
            public String api() {
                return realAnthropic.api();
            }

            @Override
            public EventStream open(ChatRequest request, ModelSpec model, CallOptions options) {
                hostedCalls.add(model.ref());
                return realAnthropic.open(request, model, options);
            }
        };
        ModelSpec sonnet = Specs.sonnet(); // https://api.anthropic.com
        ModelSpec localModel = local(local, Dialect.COMPLETIONS);
        FailoverRouter router = FailoverRouter.builder((r, o) -> List.of(sonnet, localModel),
                api -> api.equals("anthropic-messages") ? watched : adapters.forApi(api))
                .cooldowns(cooldowns).callOptions(LIMITS).build();

        RoutedStream routed = router.open(request(), PrivacyPolicy.apply(RouteOptions.DEFAULT, dev.clawgate.config.PrivacyConfig.LOCAL_ONLY_POLICY));

        assertThat(hostedCalls).isEmpty();
        assertThat(routed.model()).isSameAs(localModel);
        assertThat(routed.attempts().get(0).skipped()).isTrue();
        assertThat(routed.attempts().get(0).message()).isEqualTo(
                "privacy local-only: anthropic/claude-sonnet-4-5 is hosted (api.anthropic.com) and was not contacted");

        FailoverRouter hostedOnly = FailoverRouter.builder((r, o) -> List.of(sonnet), api -> watched).build();
        assertThatThrownBy(() -> hostedOnly.open(request(), new RouteOptions(null, true)))
                .isInstanceOf(PrivacyBlockedException.class)
                .hasMessage("privacy local-only: anthropic/claude-sonnet-4-5 is hosted (api.anthropic.com) and was "
                        + "not contacted; configure a local model");
        assertThat(hostedCalls).isEmpty();
    }
}
