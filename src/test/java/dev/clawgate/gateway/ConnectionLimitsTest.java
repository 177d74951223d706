package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow and idle connections are closed, and connections beyond the cap are answered 503: raw sockets on
 * loopback with small limits. Every wait is a bounded socket read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLimitsTest extends GatewayTestSupport {

    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    private void startWith(Duration head, Duration idle, int maxConnections) {
        start(GatewaySettings.loopback(0).withLimits(GatewaySettings.Limits.DEFAULTS.withRequestHeadTimeout(head)
                .withIdleConnection(idle).withMaxConnections(maxConnections)));
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        startWith(Duration.ofMillis(300), Duration.ofSeconds(30), 100);
        try (Socket s = connect()) {
            assertThat(readToEnd(s)).isEmpty();
        }
    }

    @Test
    void aTrickledRequestHeadIsClosed() throws Exception {
        startWith(Duration.ofMillis(500), Duration.ofSeconds(30), 100);
        try (Socket s = connect()) {
            s.setSoTimeout(100); // the pace of the trickle: one byte per read timeout
            OutputStream out = s.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            for (int i = 0; i < 300 && !closed; i++) { // up to 30 s of trickling
                try {
                    out.write('X');
                    out.flush();
                    closed = s.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // the server waits; send the next byte
                } catch (SocketException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed while the head was still trickling").isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        startWith(Duration.ofSeconds(30), Duration.ofMillis(300), 100);
        try (Socket s = connect()) {
            s.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
            String answer = readToEnd(s);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("Connection: keep-alive").endsWith("{\"status\":\"ok\"}");
        }
    }

    @Test
    void connectionsBeyondTheCapAreAnswered503AndClosed() throws Exception {
        startWith(Duration.ofSeconds(5), Duration.ofSeconds(30), 2);
        try (Socket a = connect(); Socket b = connect(); Socket c = connect()) {
            c.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
            String refused = readToEnd(c);
            assertThat(refused).startsWith("HTTP/1.1 503").contains("Connection: close").contains("Retry-After: 1")
                    .contains("Too many open connections: the limit is 2 (gateway.limits.maxConnections)");
            // the two silent ones reach their head timeout, which frees their places
            assertThat(readToEnd(a)).isEmpty();
            assertThat(readToEnd(b)).isEmpty();
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aStreamInProgressIsNeverCutOff() throws Exception {
        startWith(Duration.ofMillis(300), Duration.ofMillis(300), 100);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStream held = new ScriptedStream(new StreamEvent.Start("u", "m"), new StreamEvent.TextDelta("a"),
                release, new StreamEvent.TextDelta("b"), new StreamEvent.Stop(StopReason.STOP));
        router.script = r -> FakeRouter.answer(held);
        CompletableFuture<HttpResponse<String>> stream = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/v1/chat/completions", CHAT_STREAM_BODY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.reachedGate.await(10, TimeUnit.SECONDS)).isTrue();
        try (Socket silent = connect()) { // a clock: once it is closed, the deadlines have been swept past
            assertThat(readToEnd(silent)).isEmpty();
        }
        release.countDown();
        HttpResponse<String> answer = stream.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"content\":\"b\"").endsWith("data: [DONE]\n\n");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Everything the server sends until it closes (a reset counts as the end). */
    private static String readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            // closed by the server
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
