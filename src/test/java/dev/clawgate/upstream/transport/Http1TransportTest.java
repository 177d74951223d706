package dev.clawgate.upstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport against real loopback sockets that behave well and badly. */
@Timeout(20)
class Http1TransportTest {

    /** Generous upper slack for a timeout to fire on a loaded 2-core machine. */
    static final long SLACK_MS = 700;

    private final Http1Transport transport = new Http1Transport();
    /** Released when the test ends, so servers that hang on purpose let go. */
    private final CountDownLatch testDone = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        testDone.countDown();
        transport.close();
    }

    static CallOptions limits(long connectMs, long firstByteMs, long idleMs, long deadlineMs) {
        return new CallOptions(Duration.ofMillis(connectMs), Duration.ofMillis(firstByteMs), Duration.ofMillis(idleMs),
                Duration.ofMillis(deadlineMs));
    }

    static final CallOptions RELAXED = limits(2000, 5000, 5000, 10_000);

    private UpstreamHttpResponse post(LoopbackServer server, CallOptions options) {
        return transport.send(UpstreamHttpRequest.post(server.uri("/v1/chat/completions"),
                Map.of("Authorization", "Bearer sk-test-0123456789abcdefSECRET", "Content-Type", "application/json"),
                "{\"model\":\"m\",\"stream\":true}".getBytes(StandardCharsets.UTF_8)), options);
    }

    private UpstreamException postFails(LoopbackServer server, CallOptions options) {
        return catchThrowableOfType(UpstreamException.class, () -> post(server, options).close());
    }

    private void hold() throws InterruptedException {
        testDone.await(15, TimeUnit.SECONDS);
    }

    static void timing(String what, long ms) {
        System.out.println("TIMING " + what + ": " + ms + " ms");
    }

    // ---- success paths ----

    @Test
    void streamsBodyWithFirstChunkServedBackAndSendsRequestHeadersAndBody() throws Exception {
        CompletableFuture<String> requestSeen = new CompletableFuture<>();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            String head = LoopbackServer.readRequest(in);
            requestSeen.complete(head);
            LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "X-Request-Id: abc\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + SseReaderTest.chunk("data: 1\n\n") + SseReaderTest.chunk("data: [DONE]\n\n") + "0\r\n\r\n");
        })) {
            try (UpstreamHttpResponse response = post(server, RELAXED); SseReader sse = new SseReader(response.body())) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("x-request-id")).contains("abc");
                assertThat(sse.next()).isEqualTo(new SseEvent(null, "1"));
                assertThat(sse.next()).isEqualTo(new SseEvent(null, "[DONE]"));
                assertThat(sse.next()).isNull();
            }
            String head = requestSeen.get(5, TimeUnit.SECONDS);
            assertThat(head).startsWith("POST /v1/chat/completions HTTP/1.1");
            assertThat(head.toLowerCase()).contains("authorization: bearer sk-test").doesNotContain("upgrade");
        }
    }

    @Test
    void emptyBodyIsASuccessNotATimeout() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(200, "application/json", ""));
            hold();
        })) {
            try (UpstreamHttpResponse response = post(server, limits(1000, 300, 300, 5000))) {
                assertThat(response.body().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void slowFirstByteWithinTheTimeoutSucceeds() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            Thread.sleep(300); // a cold model: slow, but within the limit
            LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(200, "application/json", "{\"ok\":true}"));
        })) {
            long start = System.nanoTime();
            try (UpstreamHttpResponse response = post(server, limits(1000, 2000, 100, 5000))) {
                assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            }
            timing("slow first byte (300 ms) within 2 s limit, total", elapsedMs(start));
        }
    }

    @Test
    void sequentialCallsReuseTheConnection() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            connections.incrementAndGet();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                LoopbackServer.readRequest(in);
                LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(200, "application/json", "{}"));
            }
        })) {
            for (int i = 0; i < 3; i++) {
                try (UpstreamHttpResponse response = post(server, RELAXED)) {
                    assertThat(response.body().readAllBytes()).hasSize(2);
                }
            }
            assertThat(connections.get()).isEqualTo(1);
        }
    }

    @Test
    void sseAndNdjsonOneByteAtATimeThroughTheTransport() throws Exception {
        for (String kind : new String[] {"sse", "ndjson"}) {
            byte[] body = (kind.equals("sse") ? SseReaderTest.MIXED : NdjsonReaderTest.OLLAMA).getBytes(StandardCharsets.UTF_8);
            try (LoopbackServer server = new LoopbackServer(socket -> {
                LoopbackServer.readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                }
            }); UpstreamHttpResponse response = post(server, RELAXED)) {
                if (kind.equals("sse")) {
                    assertThat(SseReaderTest.readAll(response.body())).containsExactlyElementsOf(SseReaderTest.MIXED_EVENTS);
                } else {
                    assertThat(NdjsonReaderTest.readAll(response.body())).containsExactlyElementsOf(NdjsonReaderTest.LINES);
                }
            }
        }
    }

    // ---- failures before the response ----

    @Test
    void closedPortIsConnectionRefusedFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> transport.send(
                UpstreamHttpRequest.get(java.net.URI.create("http://127.0.0.1:" + port + "/v1/models"), Map.of()),
                RELAXED));
        long ms = elapsedMs(start);
        timing("closed port -> connection refused", ms);
        assertThat(e.failure()).isEqualTo(FailureClass.CONNECTION_REFUSED);
        assertThat(e.getMessage()).contains("127.0.0.1:" + port);
        assertThat(ms).isLessThan(1000);
    }

    @Test
    void unresolvableHostIsDns() {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> transport.send(
                UpstreamHttpRequest.get(java.net.URI.create("http://no-such-host.invalid:1234/v1/models"), Map.of()),
                RELAXED));
        assertThat(e.failure()).isEqualTo(FailureClass.DNS);
    }

    @Test
    void acceptThenHangIsFirstByteTimeoutAndTheConnectionIsClosed() throws Exception {
        CompletableFuture<Boolean> serverSawClose = new CompletableFuture<>();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            LoopbackServer.readRequest(in);
            serverSawClose.complete(LoopbackServer.awaitClientClose(in)); // never answers
        })) {
            long start = System.nanoTime();
            UpstreamException e = postFails(server, limits(1000, 300, 5000, 10_000));
            long ms = elapsedMs(start);
            timing("accept-then-hang, first-byte 300 ms", ms);
            assertThat(e.failure()).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
            assertThat(ms).isBetween(290L, 300 + SLACK_MS);
            assertThat(serverSawClose.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void headersThenNothingIsFirstByteTimeout() throws Exception {
        CompletableFuture<Boolean> serverSawClose = new CompletableFuture<>();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            LoopbackServer.readRequest(in);
            LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            serverSawClose.complete(LoopbackServer.awaitClientClose(in));
        })) {
            long start = System.nanoTime();
            UpstreamException e = postFails(server, limits(1000, 300, 5000, 10_000));
            long ms = elapsedMs(start);
            timing("headers-then-nothing, first-byte 300 ms", ms);
            assertThat(e.failure()).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
            assertThat(ms).isBetween(290L, 300 + SLACK_MS);
            assertThat(serverSawClose.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void deadlineShorterThanFirstByteLimitReportsDeadline() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            hold();
        })) {
            UpstreamException e = postFails(server, limits(1000, 5000, 5000, 300));
            assertThat(e.failure()).isEqualTo(FailureClass.DEADLINE);
        }
    }

    @Test
    void serverClosingBeforeTheHeadIsConnectionReset() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            attempts.incrementAndGet();
            socket.setSoLinger(true, 0); // RST
        })) {
            UpstreamException e = postFails(server, RELAXED);
            assertThat(e.failure()).isEqualTo(FailureClass.CONNECTION_RESET);
            assertThat(attempts.get()).as("one retry for a stale pooled connection").isEqualTo(2);
        }
    }

    // ---- failures inside the body ----

    @Test
    void idleGapMidBodyIsIdleTimeout() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + SseReaderTest.chunk("data: 1\n\n"));
            hold(); // then silence
        })) {
            try (UpstreamHttpResponse response = post(server, limits(1000, 2000, 300, 10_000));
                    SseReader sse = new SseReader(response.body())) {
                assertThat(sse.next()).isEqualTo(new SseEvent(null, "1"));
                response.eventReceived(); // what the decoding consumer reports: the idle limit applies from here
                long start = System.nanoTime();
                IOException failure = catchThrowableOfType(IOException.class, sse::next);
                long ms = elapsedMs(start);
                timing("idle gap mid-body, idle 300 ms", ms);
                assertThat(transport.classify(failure).failure()).isEqualTo(FailureClass.IDLE_TIMEOUT);
                assertThat(ms).isBetween(290L, 300 + SLACK_MS);
                // stays failed: a cut body never reads as a clean end
                assertThat(catchThrowableOfType(ReadTimeoutException.class, () -> response.body().read()).failure())
                        .isEqualTo(FailureClass.IDLE_TIMEOUT);
            }
        }
    }

    /** A 200 stream of SSE comment lines every 50 ms: bytes, never an event, never idle for long. */
    private LoopbackServer.Handler keepAliveTrickle() {
        return socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < 400 && testDone.getCount() > 0; i++) {
                LoopbackServer.write(out, ": keep-alive\n");
                Thread.sleep(50); // the server trickling, far inside the idle limit
            }
        };
    }

    @Test
    void bytesWithoutACompleteEventAreStillWaitingForTheFirstEvent() throws Exception {
        try (LoopbackServer server = new LoopbackServer(keepAliveTrickle())) {
            try (UpstreamHttpResponse response = post(server, limits(1000, 500, 400, 10_000));
                    SseReader sse = new SseReader(response.body())) {
                IOException failure = catchThrowableOfType(IOException.class, sse::next);
                assertThat(transport.classify(failure).failure()).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
                assertThat(failure).hasMessageContaining("no complete event within 0.5 s");
            }
        }
    }

    @Test
    void tricklingServerHitsTheDeadline() throws Exception {
        try (LoopbackServer server = new LoopbackServer(keepAliveTrickle())) {
            long start = System.nanoTime();
            try (UpstreamHttpResponse response = post(server, limits(1000, 2000, 400, 600));
                    SseReader sse = new SseReader(response.body())) {
                IOException failure = catchThrowableOfType(IOException.class, sse::next);
                long ms = elapsedMs(start);
                timing("trickling body, deadline 600 ms", ms);
                assertThat(transport.classify(failure).failure()).isEqualTo(FailureClass.DEADLINE);
                assertThat(ms).isBetween(590L, 600 + SLACK_MS);
            }
        }
    }

    @Test
    void dropMidBodyIsStreamInterrupted() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + SseReaderTest.chunk("data: 1\n\n") + "40\r\ndata: {\"cho");
            socket.close();
        })) {
            try (UpstreamHttpResponse response = post(server, RELAXED); SseReader sse = new SseReader(response.body())) {
                assertThat(sse.next()).isEqualTo(new SseEvent(null, "1"));
                IOException failure = catchThrowableOfType(IOException.class, sse::next);
                assertThat(transport.classify(failure).failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED);
            }
        }
    }

    @Test
    void closingTheResponseCancelsAndTheServerSeesItsSocketClosed() throws Exception {
        CompletableFuture<Boolean> serverSawClose = new CompletableFuture<>();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            LoopbackServer.readRequest(in);
            LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + SseReaderTest.chunk("data: 1\n\n"));
            serverSawClose.complete(LoopbackServer.awaitClientClose(in)); // still "generating"
        })) {
            UpstreamHttpResponse response = post(server, RELAXED);
            SseReader sse = new SseReader(response.body());
            assertThat(sse.next()).isEqualTo(new SseEvent(null, "1"));
            long start = System.nanoTime();
            response.close();
            assertThat(serverSawClose.get(5, TimeUnit.SECONDS)).isTrue();
            timing("client close -> server sees EOF", elapsedMs(start));
            IOException failure = catchThrowableOfType(IOException.class, sse::next);
            assertThat(transport.classify(failure).failure()).isEqualTo(FailureClass.CLIENT_CANCELLED);
        }
    }

    // ---- answers that are not success ----

    @Test
    void htmlPageWith200IsMalformed() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Captive Portal &amp; Login</title></head><body>x</body></html>"));
        })) {
            UpstreamException e = postFails(server, RELAXED);
            assertThat(e.failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).isEqualTo("200 HTML page instead of an API response: Captive Portal & Login");
        }
    }

    @Test
    void htmlBodyLabelledJsonIsMalformedToo() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(200, "application/json",
                    "\n<html><title>Oops</title></html>"));
        })) {
            assertThat(postFails(server, RELAXED).failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
        }
    }

    record ErrorCase(int status, String contentType, String body, String[] headers, FailureClass expected,
            String message) {}

    static ErrorCase error(int status, String body, FailureClass expected, String message, String... headers) {
        return new ErrorCase(status, "application/json", body, headers, expected, message);
    }

    @Test
    void errorBodiesOfEveryUpstreamAreClassifiedWithTheirOwnMessage() throws Exception {
        ErrorCase[] cases = {
            error(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                    + "\"type\":\"server_error\",\"param\":null,\"code\":null}}", FailureClass.SERVER_ERROR,
                    "The server had an error while processing your request."),
            error(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                    FailureClass.OVERLOADED, "Overloaded"),
            error(503, "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}",
                    FailureClass.OVERLOADED, "Loading model"),
            error(503, "{\"object\":\"error\",\"message\":\"Service Unavailable\",\"type\":\"ServiceUnavailableError\",\"code\":503}",
                    FailureClass.SERVER_ERROR, "Service Unavailable"),
            error(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000.\","
                    + "\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}", FailureClass.RATE_LIMIT,
                    "Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000.", "Retry-After: 20"),
            error(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
                    FailureClass.AUTH_PERMANENT, "invalid x-api-key"),
            error(404, "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}",
                    FailureClass.MODEL_NOT_FOUND, "model \"llama9\" not found, try pulling it first"),
            error(404, "{\"object\":\"error\",\"message\":\"The model `gpt-x` does not exist.\",\"type\":\"NotFoundError\","
                    + "\"param\":null,\"code\":404}", FailureClass.MODEL_NOT_FOUND, "The model `gpt-x` does not exist."),
            error(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 32768 tokens. However, "
                    + "you requested 33077 tokens (1077 in the messages, 32000 in the completion). Please reduce the length "
                    + "of the messages or completion.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}",
                    FailureClass.CONTEXT_OVERFLOW, null),
            error(400, "{\"error\":{\"code\":400,\"message\":\"request (5000 tokens) exceeds the available context size "
                    + "(4096 tokens), try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,"
                    + "\"n_ctx\":4096}}", FailureClass.CONTEXT_OVERFLOW,
                    "request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it"),
            new ErrorCase(502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                    + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>",
                    new String[0], FailureClass.SERVER_ERROR, "502 HTML error page: 502 Bad Gateway"),
            new ErrorCase(401, "text/plain", "Unauthorized\n", new String[0], FailureClass.AUTH, "Unauthorized"),
            error(400, "", FailureClass.UNKNOWN, "HTTP 400 with an empty body"),
        };
        for (ErrorCase c : cases) {
            try (LoopbackServer server = new LoopbackServer(socket -> {
                LoopbackServer.readRequest(socket.getInputStream());
                LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(c.status(), c.contentType(),
                        c.body(), c.headers()));
            })) {
                UpstreamException e = postFails(server, RELAXED);
                assertThat(e.failure()).as("%d %s", c.status(), c.body()).isEqualTo(c.expected());
                assertThat(e.status()).isEqualTo(c.status());
                if (c.message() != null) {
                    assertThat(e.getMessage()).isEqualTo(c.message());
                }
                if (c.status() == 429) {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
                }
            }
        }
    }

    @Test
    void retryAfterMsWinsAndAnEchoedKeyNeverReachesTheMessage() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(429, "application/json",
                    "{\"error\":{\"message\":\"Slow down, key sk-test-0123456789abcdefSECRET\"}}",
                    "Retry-After: 20", "retry-after-ms: 1500"));
        })) {
            UpstreamException e = postFails(server, RELAXED);
            assertThat(e.failure()).isEqualTo(FailureClass.RATE_LIMIT);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
            assertThat(e.getMessage()).doesNotContain("SECRET").contains("[redacted]");
        }
    }

    @Test
    void errorBodyThatNeverEndsIsCutAtItsTimeLimit() throws Exception {
        try (Http1Transport quick = new Http1Transport(java.time.Clock.systemUTC(), Duration.ofMillis(300));
                LoopbackServer server = new LoopbackServer(socket -> {
                    LoopbackServer.readRequest(socket.getInputStream());
                    LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 500 X\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 1000\r\n\r\nupstream exploded");
                    hold();
                })) {
            long start = System.nanoTime();
            UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> quick.send(
                    UpstreamHttpRequest.get(server.uri("/x"), Map.of()), RELAXED));
            long ms = elapsedMs(start);
            timing("error body that never ends, 300 ms budget", ms);
            assertThat(e.failure()).isEqualTo(FailureClass.SERVER_ERROR);
            assertThat(e.getMessage()).isEqualTo("upstream exploded");
            assertThat(ms).isLessThan(300 + SLACK_MS);
        }
    }

    @Test
    void readAfterCloseThrowsClientCancelled() throws Exception {
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            LoopbackServer.write(socket.getOutputStream(), LoopbackServer.response(200, "application/json", "{}"));
        })) {
            UpstreamHttpResponse response = post(server, RELAXED);
            response.close();
            assertThatThrownBy(() -> response.body().read()).isInstanceOf(ResponseClosedException.class);
        }
    }

    static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
