package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each limit answers in the API's error shape with a message naming the limit and its value. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatewayLimitsTest extends GatewayTestSupport {

    void startWith(GatewaySettings.Limits limits) {
        start(GatewaySettings.loopback(0).withLimits(limits));
    }

    @Test
    void bodyTooLarge() throws Exception {
        startWith(GatewaySettings.Limits.DEFAULTS.withMaxRequestBytes(1024));
        String big = "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2000) + "\"}]}";
        HttpResponse<String> res = post("/v1/chat/completions", big);
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(res.body()).get("error").get("message").asText())
                .isEqualTo("Request body exceeds the limit of 1024 bytes (1 KiB, gateway.limits.maxRequestBytes)");
        HttpResponse<String> anthropic = post("/v1/messages", big);
        assertThat(anthropic.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(anthropic.body()).get("error").get("type").asText()).isEqualTo("request_too_large");

        // Chunked upload (no Content-Length): counted while reading.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build();
        assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(router.requests).isEmpty();
    }

    @Test
    void headersTooLarge() throws Exception {
        startWith(GatewaySettings.Limits.DEFAULTS.withMaxHeaderBytes(2048));
        String response = rawExchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(4000)
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", false);
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(response).contains("Request headers exceed the limit of 2048 bytes (gateway.limits.maxHeaderBytes; got ");
        assertThat(response).contains("\"type\":\"invalid_request_error\"");
    }

    @Test
    void bodyNotReceivedInTime() throws Exception {
        startWith(GatewaySettings.Limits.DEFAULTS.withRequestReceiveTimeout(Duration.ofMillis(300)));
        String response = rawExchange("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"model\":", true);
        assertThat(response).startsWith("HTTP/1.1 408");
        assertThat(response).contains("\"type\":\"timeout_error\"")
                .contains("Request body not received within the limit of 300 ms (gateway.limits.requestReceiveTimeoutSeconds)");
    }

    @Test
    void concurrentCallsLimit() throws Exception {
        startWith(GatewaySettings.Limits.DEFAULTS.withMaxConcurrentCalls(1));
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedStream held = new ScriptedStream(new StreamEvent.Start("u", "m"), new StreamEvent.TextDelta("a"), gate,
                new StreamEvent.Stop(StopReason.STOP));
        router.script = r -> FakeRouter.answer(held);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/v1/chat/completions", CHAT_STREAM_BODY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.reachedGate.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> second = post("/v1/responses", "{\"model\":\"local\",\"input\":\"hi\"}");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).contains("1");
        JsonNode err = Json.MAPPER.readTree(second.body()).get("error");
        assertThat(err.get("message").asText())
                .isEqualTo("Too many concurrent model calls: the limit is 1 (gateway.limits.maxConcurrentCalls)");
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).body()).endsWith("data: [DONE]\n\n");
        router.script = r -> FakeRouter.answer(FakeRouter.text("ok"));
        assertThat(post("/v1/chat/completions", CHAT_BODY).statusCode()).isEqualTo(200);
    }

    /** Sends raw bytes, optionally leaving the body unfinished, and reads the whole response. */
    private String rawExchange(String request, boolean stall) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!stall) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.write(buf, 0, n);
                String s = got.toString(StandardCharsets.UTF_8);
                int headerEnd = s.indexOf("\r\n\r\n");
                if (headerEnd > 0 && s.contains("}")) { // error bodies are one JSON object
                    int open = s.indexOf('{', headerEnd);
                    if (open > 0 && s.trim().endsWith("}")) {
                        return s;
                    }
                }
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
