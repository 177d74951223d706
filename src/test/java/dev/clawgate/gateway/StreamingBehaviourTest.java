package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real SSE bytes: incremental delivery, disconnects, mid-stream failures, graceful stop. */
class StreamingBehaviourTest extends GatewayTestSupport {

    private HttpResponse<Stream<String>> openStream(String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofLines());
    }

    /** Lines until one contains {@code marker}; bounded by the stream's own end. */
    private static String readUntil(Iterator<String> lines, String marker) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("stream ended before " + marker);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void firstDeltaReachesClientWhileUpstreamIsStillSending() throws Exception {
        start();
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedStream upstream = new ScriptedStream(new StreamEvent.Start("u", "m"), new StreamEvent.TextDelta("Hel"), gate,
                new StreamEvent.TextDelta("lo"), new StreamEvent.Stop(StopReason.STOP));
        router.script = r -> FakeRouter.answer(upstream);
        HttpResponse<Stream<String>> res = openStream("/v1/chat/completions", CHAT_STREAM_BODY);
        assertThat(res.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        Iterator<String> lines = res.body().iterator();
        assertThat(readUntil(lines, "\"content\":\"Hel\"")).startsWith("data: {");
        assertThat(gate.getCount()).isEqualTo(1); // the upstream has not sent the rest yet
        gate.countDown();
        assertThat(readUntil(lines, "\"content\":\"lo\"")).isNotNull();
        assertThat(readUntil(lines, "finish_reason\":\"stop\"")).isNotNull();
        assertThat(readUntil(lines, "data: [DONE]")).isEqualTo("data: [DONE]");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientDisconnectMidStreamClosesTheUpstream() throws Exception {
        start(GatewaySettings.loopback(0).withLimits(GatewaySettings.Limits.DEFAULTS
                .withKeepAliveInterval(Duration.ofMillis(50))));
        ScriptedStream upstream = new ScriptedStream(new StreamEvent.Start("u", "m"), new StreamEvent.TextDelta("Hel"),
                new CountDownLatch(1), new StreamEvent.TextDelta("never sent"));
        router.script = r -> FakeRouter.answer(upstream);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] body = CHAT_STREAM_BODY.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.contains("\"Hel\""); line = in.readLine()) {
                // skip headers and the role chunk
            }
            assertThat(upstream.reachedGate.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(upstream.closed.getCount()).isEqualTo(1);
        } // the client hangs up while the upstream is silent
        assertThat(upstream.closed.await(5, TimeUnit.SECONDS)).as("upstream closed after client left").isTrue();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void chatCompletionsMidStreamFailureSendsErrorFrameThenDone() throws Exception {
        start();
        router.script = r -> FakeRouter.answer(failingAfterFirstDelta(FailureClass.SERVER_ERROR));
        List<String> lines = nonEmpty(openStream("/v1/chat/completions", CHAT_STREAM_BODY).body());
        assertThat(lines.get(lines.size() - 2)).startsWith("data: {\"error\":{").contains("\"type\":\"server_error\"")
                .contains("lmstudio/qwen3 failed mid-response: upstream exploded");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(lines).anyMatch(l -> l.contains("\"content\":\"Hel\""));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void responsesMidStreamFailureSendsErrorAndResponseFailed() throws Exception {
        start();
        router.script = r -> FakeRouter.answer(failingAfterFirstDelta(FailureClass.SERVER_ERROR));
        List<String> lines = nonEmpty(openStream("/v1/responses", RESPONSES_STREAM_BODY).body());
        assertThat(lines).contains("event: error", "event: response.failed");
        String failed = lines.get(lines.size() - 1);
        assertThat(failed).startsWith("data: {\"type\":\"response.failed\"").contains("\"status\":\"failed\"")
                .contains("\"code\":\"server_error\"").contains("upstream exploded");
        assertThat(lines).noneMatch(l -> l.contains("response.completed"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void messagesMidStreamFailureSendsErrorEvent() throws Exception {
        start();
        router.script = r -> FakeRouter.answer(failingAfterFirstDelta(FailureClass.OVERLOADED));
        List<String> lines = nonEmpty(openStream("/v1/messages", MESSAGES_STREAM_BODY).body());
        assertThat(lines.get(lines.size() - 2)).isEqualTo("event: error");
        assertThat(lines.get(lines.size() - 1)).startsWith("data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"")
                .contains("upstream exploded");
        assertThat(lines).noneMatch(l -> l.contains("message_stop"));

        // a dropped upstream is as temporary as overload: the shape clients retry, in words agents match
        router.script = r -> FakeRouter.answer(failingAfterFirstDelta(FailureClass.STREAM_INTERRUPTED));
        List<String> again = nonEmpty(openStream("/v1/messages", MESSAGES_STREAM_BODY).body());
        assertThat(again.get(again.size() - 1)).contains("\"type\":\"overloaded_error\"")
                .contains("Upstream connection error").contains("retry the request");

        router.script = r -> FakeRouter.answer(failingAfterFirstDelta(FailureClass.BAD_REQUEST));
        List<String> bad = nonEmpty(openStream("/v1/messages", MESSAGES_STREAM_BODY).body());
        assertThat(bad.get(bad.size() - 1)).contains("\"type\":\"invalid_request_error\"");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void messagesStreamEventSequence() throws Exception {
        start();
        List<String> events = nonEmpty(openStream("/v1/messages", MESSAGES_STREAM_BODY).body()).stream()
                .filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        assertThat(events).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void gracefulStopLetsAnOpenStreamFinish() throws Exception {
        start();
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedStream upstream = new ScriptedStream(new StreamEvent.Start("u", "m"), new StreamEvent.TextDelta("Hel"), gate,
                new StreamEvent.TextDelta("lo"), new StreamEvent.Stop(StopReason.STOP));
        router.script = r -> FakeRouter.answer(upstream);
        HttpResponse<Stream<String>> res = openStream("/v1/chat/completions", CHAT_STREAM_BODY);
        Iterator<String> lines = res.body().iterator();
        readUntil(lines, "\"content\":\"Hel\"");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.draining() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // stop() runs on another thread; wait for it to start draining
        }
        // New calls are refused while draining.
        assertThat(post("/v1/chat/completions", CHAT_BODY).statusCode()).isEqualTo(503);
        gate.countDown();
        assertThat(readUntil(lines, "\"content\":\"lo\"")).isNotNull();
        assertThat(readUntil(lines, "data: [DONE]")).isEqualTo("data: [DONE]");
        stopping.get(15, TimeUnit.SECONDS);
        server = null;
    }

    private static ScriptedStream failingAfterFirstDelta(FailureClass failure) {
        return new ScriptedStream(new StreamEvent.Start("u", "m"), new StreamEvent.TextDelta("Hel"),
                new UpstreamException(failure, "upstream exploded"));
    }

    private static List<String> nonEmpty(Stream<String> lines) {
        List<String> out = new ArrayList<>();
        lines.filter(l -> !l.isEmpty()).forEach(out::add);
        return out;
    }
}
