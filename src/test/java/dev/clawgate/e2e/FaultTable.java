package dev.clawgate.e2e;

import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault table: each upstream fault, for a non-streaming and a streaming client, with what the client
 * got (status, who served, the attempts header, Retry-After) and how long it took. The faulty upstream is
 * the primary ({@code a/m}, {@code timeoutSeconds: 3}); a healthy fallback ({@code b/m}) answers "ok".
 *
 * <p>Not part of {@code ./mvnw test} (it measures, and takes a minute or two; longer on code that does not
 * time out): run it with {@code ./mvnw -B -ntp -q test -Dtest=FaultTable}. It prints the Markdown table and
 * writes it to {@code target/faults.md}; {@code docs/faults.md} holds the last recorded run.
 */
class FaultTable {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_BODY = 256 * 1024;

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Fault(String name, FakeUpstream.Behaviour behaviour, boolean withFallback) {
        Fault(String name, FakeUpstream.Behaviour behaviour) {
            this(name, behaviour, true);
        }
    }

    @Test
    void faultTable() throws Exception {
        List<Fault> faults = List.of(
                new Fault("connection refused", null),
                new Fault("HTTP 500", FakeUpstream.status(500, "application/json", "{\"error\":{\"message\":\"boom\"}}")),
                new Fault("HTTP 503", FakeUpstream.status(503, "application/json", "{\"error\":{\"message\":\"busy\"}}")),
                new Fault("HTTP 429 + Retry-After: 7", FakeUpstream.status(429, "application/json",
                        "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "7"))),
                new Fault("unknown model (404)", FakeUpstream.status(404, "application/json",
                        "{\"error\":{\"message\":\"The model `m` does not exist.\",\"type\":\"NotFoundError\",\"code\":404}}")),
                new Fault("drop before first byte", FakeUpstream.dropBeforeFirstByte()),
                new Fault("drop mid-stream", FakeUpstream.dropAfterFirstByte()),
                new Fault("accept, then hang", FakeUpstream.hang()),
                new Fault("headers, then 1 byte/s", FakeUpstream.trickle(Duration.ofSeconds(1), false)),
                new Fault("endless stream", FakeUpstream.endless()),
                new Fault("HTML page (200)", FakeUpstream.status(200, "text/html", "<html><body>Bad gateway</body></html>")),
                new Fault("garbage body (200)", FakeUpstream.status(200, "text/plain", "%%%% not an API answer %%%%")),
                new Fault("bad JSON chunk", FakeUpstream.badJsonChunk()),
                new Fault("HTTP 429 + Retry-After: 7, no fallback", FakeUpstream.status(429, "application/json",
                        "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "7")), false),
                new Fault("HTTP 500, no fallback", FakeUpstream.status(500, "application/json",
                        "{\"error\":{\"message\":\"boom\"}}"), false));
        List<String> rows = new ArrayList<>();
        rows.add("| Upstream fault | Client | Status | Served by | Attempts | Retry-After | Time |");
        rows.add("|---|---|---|---|---|---|---|");
        for (Fault fault : faults) {
            for (boolean stream : new boolean[] {false, true}) {
                rows.add(row(fault, stream));
            }
        }
        for (boolean stream : new boolean[] {false, true}) {
            rows.add(hangUpRow(stream));
        }
        rows.add(retriesRow());
        String table = String.join("\n", rows) + "\n";
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "faults.md"), table);
    }

    private String row(Fault fault, boolean stream) throws Exception {
        FakeUpstream fallback = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", FakeUpstream.answer("ok"));
        FakeUpstream primary = fault.behaviour() == null ? null : new FakeUpstream()
                .on("/v1/models", FakeUpstream.json(FaultyChain.MODELS)).on("/v1/chat/completions", fault.behaviour());
        String primaryUrl = primary != null ? primary.baseUrl() : "http://127.0.0.1:" + closedPort() + "/v1";
        try (GatewayRuntime runtime = start(primaryUrl, fault.withFallback() ? fallback.baseUrl() : null, 3, "")) {
            long t0 = System.nanoTime();
            String status;
            String servedBy = "";
            String attempts = "";
            String retryAfter = "";
            try {
                HttpResponse<InputStream> r = client.send(request(runtime, stream, CLIENT_TIMEOUT),
                        HttpResponse.BodyHandlers.ofInputStream());
                servedBy = r.headers().firstValue("x-clawgate-model").orElse("");
                attempts = r.headers().firstValue("x-clawgate-attempts").orElse("");
                retryAfter = r.headers().firstValue("retry-after").orElse("");
                status = r.statusCode() + describeBody(r.body(), stream && r.statusCode() == 200);
            } catch (HttpTimeoutException e) {
                status = "no answer within " + CLIENT_TIMEOUT.toSeconds() + " s";
            }
            System.err.println("fault table: " + fault.name() + (stream ? " (streaming)" : "") + ": " + status);
            return "| " + fault.name() + " | " + (stream ? "streaming" : "non-streaming") + " | " + status + " | "
                    + servedBy + " | " + attempts.replace(",", ", ") + " | " + retryAfter + " | " + seconds(t0) + " |";
        } finally {
            fallback.close();
            if (primary != null) {
                primary.close();
            }
        }
    }

    /**
     * What the body says, read for at most {@link #MAX_BODY} bytes: an endless stream is a stream that is still
     * going when the client stops reading.
     */
    private static String describeBody(InputStream body, boolean stream) {
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(MAX_BODY);
        } catch (IOException e) {
            return " (body broke off: " + e.getMessage() + ")";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (bytes.length == MAX_BODY) {
            return " (still streaming after " + MAX_BODY / 1024 + " KiB; client stopped reading)";
        }
        if (stream && text.contains("\"error\"")) {
            return " + error event";
        }
        return "";
    }

    /**
     * A client that hangs up after one second on a call to an upstream that takes 20 s, with
     * {@code maxConcurrentCalls: 1}: how long until the gateway admits the next call.
     */
    private String hangUpRow(boolean stream) throws Exception {
        FakeUpstream primary = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", FakeUpstream.sequence(
                        FakeUpstream.after(Duration.ofSeconds(20), FakeUpstream.answer("late")), FakeUpstream.answer("ok")));
        try (GatewayRuntime runtime = start(primary.baseUrl(), null, 120, "limits: { maxConcurrentCalls: 1 }")) {
            try (Socket s = FaultyChain.sendRaw(runtime.port(), stream)) {
                primary.awaitRequests("/v1/chat/completions", 1, Duration.ofSeconds(10));
                Thread.sleep(1000); // the client waits a second, then gives up (what is measured, not synchronisation)
            }
            long t0 = System.nanoTime();
            int refused = 0;
            HttpResponse<String> r = null;
            for (int i = 0; i < 120; i++) { // poll like an impatient client, for at most ~30 s
                r = client.send(request(runtime, false, Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 429) {
                    break;
                }
                refused++;
                Thread.sleep(250);
            }
            return "| client hangs up after 1 s (upstream needs 20 s, maxConcurrentCalls 1) | "
                    + (stream ? "streaming" : "non-streaming") + " | next call: " + r.statusCode() + " after " + refused
                    + " × 429 | " + r.headers().firstValue("x-clawgate-model").orElse("") + " | "
                    + r.headers().firstValue("x-clawgate-attempts").orElse("") + " |  | " + seconds(t0)
                    + " after the hang-up |";
        } finally {
            primary.close();
        }
    }

    /** A call and the two retries the OpenAI SDK adds by default, against a single model answering 500. */
    private String retriesRow() throws Exception {
        FakeUpstream primary = new FakeUpstream().on("/v1/models", FakeUpstream.json(FaultyChain.MODELS))
                .on("/v1/chat/completions", FakeUpstream.status(500, "application/json", "{\"error\":{\"message\":\"boom\"}}"));
        try (GatewayRuntime runtime = start(primary.baseUrl(), null, 3, "")) {
            long t0 = System.nanoTime();
            List<String> statuses = new ArrayList<>();
            String retryAfter = "";
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(request(runtime, false, CLIENT_TIMEOUT), HttpResponse.BodyHandlers.ofString());
                statuses.add(Integer.toString(r.statusCode()));
                retryAfter = r.headers().firstValue("retry-after").orElse("");
            }
            String cooldown = runtime.router().cooldowns().state("a/m").map(s -> "a/m cooling "
                    + Duration.between(java.time.Instant.now(), s.until()).toSeconds() + " s after " + s.failures()
                    + " step(s)").orElse("none");
            return "| HTTP 500, no fallback: a call + 2 SDK retries | non-streaming | " + String.join(", ", statuses)
                    + " | | " + cooldown + " | " + retryAfter + " | " + seconds(t0) + " |";
        } finally {
            primary.close();
        }
    }

    private GatewayRuntime start(String primaryUrl, String fallbackUrl, int timeoutSeconds, String gateway)
            throws IOException {
        return FaultyChain.start(home, primaryUrl, fallbackUrl, "timeoutSeconds: " + timeoutSeconds + ",", gateway,
                java.time.Clock.systemUTC());
    }

    private static HttpRequest request(GatewayRuntime runtime, boolean stream, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/v1/chat/completions"))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FaultyChain.chatBody(stream))).build();
    }

    private static String seconds(long t0) {
        return String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - t0) / 1e9);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
