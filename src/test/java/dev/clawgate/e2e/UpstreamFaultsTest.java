package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.routing.CooldownState;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream faults that used to break a promise of the router, each end to end through the real gateway,
 * router, adapter and transport against loopback stand-ins: a client that hangs up frees its call, a
 * trickling upstream times out by events, a non-streaming call fails over wherever the upstream breaks, an
 * endless upstream is cut off, Retry-After reaches the client, and an SDK's retries step a cooldown once.
 */
@Timeout(30)
class UpstreamFaultsTest {

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock();
    private GatewayRuntime runtime;
    private FakeUpstream primary;
    private FakeUpstream fallback;

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        for (FakeUpstream f : new FakeUpstream[] {primary, fallback}) {
            if (f != null) {
                f.close();
            }
        }
    }

    /** Provider {@code a} (primary, {@code a/m}) and, when given, {@code b} (its fallback, {@code b/m}). */
    private void start(FakeUpstream.Behaviour first, FakeUpstream.Behaviour second, String aExtra, String gatewayExtra)
            throws IOException {
        primary = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", first);
        if (second != null) {
            fallback = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                    .on("/v1/chat/completions", second);
        }
        runtime = FaultyChain.start(home, primary.baseUrl(), fallback != null ? fallback.baseUrl() : null, aExtra,
                gatewayExtra, clock);
    }

    private HttpResponse<String> chat(boolean stream) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                        + "/v1/chat/completions")).timeout(Duration.ofSeconds(25))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(FaultyChain.chatBody(stream))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    // ------------------------------------------------------------------ 1. a client that hangs up

    @Test
    void clientThatHangsUpOnANonStreamingCallFreesItsSlot() throws Exception {
        hangUpThenAnotherCallIsAdmitted(false);
    }

    @Test
    void clientThatHangsUpOnAStreamingCallFreesItsSlot() throws Exception {
        hangUpThenAnotherCallIsAdmitted(true);
    }

    private void hangUpThenAnotherCallIsAdmitted(boolean stream) throws Exception {
        start(FakeUpstream.sequence(FakeUpstream.hang(), FakeUpstream.answer("second")), null, "timeoutSeconds: 120,",
                "limits: { maxConcurrentCalls: 1 }");
        try (Socket s = FaultyChain.sendRaw(runtime.port(), stream)) {
            assertThat(primary.awaitRequests("/v1/chat/completions", 1, Duration.ofSeconds(10))).isTrue(); // it arrived
        } // ... and the client gives up

        // The upstream call is cancelled (the stand-in sees its connection close), long before its 120 s timeout.
        assertThat(primary.awaitExchangesEnded("/v1/chat/completions", 1, Duration.ofSeconds(10))).isTrue();
        HttpResponse<String> next = chat(false);
        assertThat(next.statusCode()).isEqualTo(200); // the slot was freed: not 429 "Too many concurrent model calls"
        assertThat(next.body()).contains("second");
    }

    @Test
    void callsLongerThanTheWatchDelayCloseTheirWatchedConnectionCleanly() throws Exception {
        start(FakeUpstream.after(Duration.ofMillis(800), FakeUpstream.answer("slow but fine")), null, "", "");
        for (boolean stream : new boolean[] {false, true, false, true}) { // each reuses the client's pool
            HttpResponse<String> r = chat(stream);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("slow but fine");
            // the gateway read this connection while waiting, so it does not offer it for another request
            assertThat(header(r, "connection")).isEqualTo("close");
        }
    }

    // ------------------------------------------------------------------ 2. timeouts count events, not bytes

    @Test
    void tricklingUpstreamFailsOverAfterTimeoutSecondsBeforeTheClientsFirstByte() throws Exception {
        start(FakeUpstream.trickle(Duration.ofMillis(100), false), FakeUpstream.answer("from b"), "timeoutSeconds: 1,", "");
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = chat(stream);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("from b");
            assertThat(header(r, "x-clawgate-attempts")).startsWith("a/m=first-byte-timeout").endsWith("b/m=ok");
            runtime.router().cooldowns().clear();
        }
    }

    @Test
    void tricklingAfterTheFirstEventHitsIdleTimeoutSeconds() throws Exception {
        start(FakeUpstream.trickle(Duration.ofMillis(100), true), FakeUpstream.answer("from b"),
                "timeoutSeconds: 20, idleTimeoutSeconds: 1,", "");
        HttpResponse<String> r = chat(false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("from b");
        assertThat(header(r, "x-clawgate-attempts")).isEqualTo("a/m=idle-timeout,b/m=ok");
    }

    // ------------------------------------------------------------------ 3. and 4. non-streaming fails over anywhere

    @Test
    void nonStreamingCallFailsOverWhenTheUpstreamDropsMidStream() throws Exception {
        start(FakeUpstream.dropAfterFirstByte(), FakeUpstream.answer("from b"), "", "");
        HttpResponse<String> r = chat(false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("from b").doesNotContain("partial answer");
        assertThat(header(r, "x-clawgate-attempts")).doesNotContain("a/m=ok").endsWith(",b/m=ok");
    }

    @Test
    void endlessUpstreamIsCutOffForANonStreamingClient() throws Exception {
        start(FakeUpstream.endless(), FakeUpstream.answer("from b"), "", "");
        HttpResponse<String> r = chat(false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("from b");
        assertThat(header(r, "x-clawgate-attempts")).isEqualTo("a/m=malformed-response,b/m=ok");
        assertThat(primary.awaitExchangesEnded("/v1/chat/completions", 1, Duration.ofSeconds(10))).isTrue(); // no longer read
    }

    // ------------------------------------------------------------------ 5. Retry-After

    @Test
    void upstreamRetryAfterReachesTheClientThenTheCooldownsRecovery() throws Exception {
        start(FakeUpstream.status(429, "application/json", "{\"error\":{\"message\":\"slow down\"}}",
                Map.of("Retry-After", "7")), null, "", "");
        HttpResponse<String> first = chat(false);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(header(first, "retry-after")).isEqualTo("7");

        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> cooling = chat(false); // every candidate cooling; the upstream asked for quiet
        assertThat(cooling.statusCode()).isEqualTo(503);
        assertThat(header(cooling, "retry-after")).isEqualTo("5");
        assertThat(primary.requestsTo("/v1/chat/completions")).isEqualTo(1);
    }

    @Test
    void failedChainSaysWhenItsSoonestCooldownEnds() throws Exception {
        start(FakeUpstream.status(500, "application/json", "{\"error\":{\"message\":\"boom\"}}"),
                FakeUpstream.status(503, "application/json", "{\"error\":{\"message\":\"busy\"}}"), "", "");
        HttpResponse<String> r = chat(false);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(header(r, "retry-after")).isEqualTo("30");
    }

    // ------------------------------------------------------------------ 6. one episode, one step

    @Test
    void retriesOfOneRequestStepTheCooldownOnce() throws Exception {
        start(FakeUpstream.status(500, "application/json", "{\"error\":{\"message\":\"boom\"}}"), null, "", "");
        for (int i = 0; i < 3; i++) { // what an SDK's two default retries add to one call
            assertThat(chat(false).statusCode()).isEqualTo(502);
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(primary.requestsTo("/v1/chat/completions")).isEqualTo(3); // each a last-resort try
        CooldownState state = runtime.router().cooldowns().state("a/m").orElseThrow();
        assertThat(state.failures()).isEqualTo(1);
        assertThat(state.remainingAt(clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(30)); // the cooldown ended; its probe fails: the next step
        chat(false);
        assertThat(runtime.router().cooldowns().state("a/m").orElseThrow().failures()).isEqualTo(2);
        assertThat(List.of(primary.requestsTo("/v1/chat/completions"))).containsExactly(4L);
    }
}
