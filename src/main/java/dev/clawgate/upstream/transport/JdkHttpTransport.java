package dev.clawgate.upstream.transport;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.WireMeter;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpTransport} on the JDK {@link HttpClient} (HTTP/1.1, virtual threads), with the four limits
 * of {@link CallOptions} kept apart:
 *
 * <ul>
 *   <li><b>connect</b>: the client's own connect timeout (one client per distinct value, see
 *       {@link UpstreamClients});
 *   <li><b>first byte</b>: from sending until the response head, the first body byte (a server that
 *       sends headers and then nothing has not answered; the byte is kept and served back as the start of
 *       the body) and the first complete event, as the consumer reports it
 *       ({@link UpstreamHttpResponse#eventReceived()});
 *   <li><b>idle</b>: longest upstream wait between two events (reading time only);
 *   <li><b>deadline</b>: the whole call, head and body.
 * </ul>
 *
 * Idle and deadline are enforced by one shared watchdog thread that closes the body stream; reads then
 * throw {@link ReadTimeoutException}, which {@link #classify(IOException)} maps. A connection reset
 * before the response head is retried once, since a pooled keep-alive connection the server had just
 * closed looks exactly like that (vLLM, uvicorn).
 *
 * <p>Every body byte handed to the connection and read from it is told to the call's
 * {@link CallOptions#meter()} (the data-flow ledger's byte counts).
 */
public final class JdkHttpTransport implements HttpTransport, AutoCloseable {

    /** Error bodies are for a message and a class; more than this is noise. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    static final Duration DEFAULT_ERROR_BODY_TIME = Duration.ofSeconds(5);
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "x-api-key", "api-key", "x-goog-api-key", "proxy-authorization");

    private final UpstreamClients clients = new UpstreamClients();
    private final ScheduledThreadPoolExecutor watchdog;
    private final Clock clock;
    private final Duration errorBodyTime;

    public JdkHttpTransport() {
        this(Clock.systemUTC(), DEFAULT_ERROR_BODY_TIME);
    }

    /** @param errorBodyTime longest time spent reading a non-2xx body before classifying what arrived */
    public JdkHttpTransport(Clock clock, Duration errorBodyTime) {
        this.clock = clock;
        this.errorBodyTime = errorBodyTime;
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "clawgate-upstream-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    @Override
    public UpstreamHttpResponse send(UpstreamHttpRequest request, CallOptions options) {
        CallLimits limits = CallLimits.start(options);
        String target = target(request.uri());
        HttpRequest httpRequest = build(request);
        HttpClient client = clients.forConnectTimeout(options.connectTimeout());
        for (int attempt = 1; ; attempt++) {
            try {
                // the body is handed to the connection on every attempt, so each one counts as sent
                options.meter().sent(request.body() == null ? 0 : request.body().length);
                return attempt(client, httpRequest, request, limits, target, options.meter());
            } catch (UpstreamException e) {
                boolean retryable = e.failure() == FailureClass.CONNECTION_RESET && e.status() == 0 && attempt == 1
                        && limits.nanosUntilHeadDue(System.nanoTime()) > 0;
                if (!retryable) {
                    throw e;
                }
            }
        }
    }

    @Override
    public UpstreamException classify(IOException readFailure) {
        return FailureClassifier.fromTransport(readFailure, true, null);
    }

    @Override
    public void close() {
        clients.close();
        watchdog.shutdownNow();
    }

    private UpstreamHttpResponse attempt(HttpClient client, HttpRequest httpRequest, UpstreamHttpRequest request,
            CallLimits limits, String target, WireMeter meter) {
        CompletableFuture<HttpResponse<InputStream>> future =
                client.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = future.get(limits.nanosUntilHeadDue(System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(future);
            throw FailureClassifier.fromTransport(limits.firstByteExpired(target), false, target);
        } catch (ExecutionException e) {
            throw FailureClassifier.fromTransport(e.getCause(), false, target);
        } catch (InterruptedException e) {
            abandon(future);
            Thread.currentThread().interrupt();
            throw new UpstreamException(FailureClass.CLIENT_CANCELLED, 0, "interrupted while waiting for "
                    + target, null, e);
        }
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").orElse(null);
        if (status < 200 || status >= 300) {
            throw httpFailure(response, limits, target, secrets(request), meter);
        }
        LimitedBodyStream body = new LimitedBodyStream(MeteredInputStream.of(response.body(), meter), limits, watchdog,
                target);
        try {
            body.awaitFirstByte();
            if (FailureClassifier.isMalformed(contentType, body.headText(64))) {
                String page = readBounded(body);
                closeQuietly(body);
                throw FailureClassifier.malformed(status, contentType, SecretRedactor.redact(page, secrets(request)));
            }
        } catch (IOException e) {
            closeQuietly(body);
            throw FailureClassifier.fromTransport(e, true, target);
        }
        return new JdkUpstreamHttpResponse(status, response.headers(), body);
    }

    private UpstreamException httpFailure(HttpResponse<InputStream> response, CallLimits limits, String target,
            List<String> secrets, WireMeter meter) {
        int status = response.statusCode();
        LimitedBodyStream body = new LimitedBodyStream(MeteredInputStream.of(response.body(), meter),
                limits.forErrorBody(errorBodyTime), watchdog, target);
        String text = readBounded(body);
        closeQuietly(body);
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("retry-after-ms").orElse(null),
                response.headers().firstValue("retry-after").orElse(null), clock);
        return FailureClassifier.fromHttp(status, response.headers().firstValue("content-type").orElse(null), text,
                retryAfter, secrets);
    }

    /** Up to {@link #MAX_ERROR_BODY_BYTES}; on a timeout or broken connection, whatever had arrived. */
    private static String readBounded(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8 * 1024];
        try {
            while (out.size() < MAX_ERROR_BODY_BYTES) {
                int n = in.read(buf, 0, Math.min(buf.length, MAX_ERROR_BODY_BYTES - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // classify on the part we have
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Cancels a request we stopped waiting for, and closes the body if the head arrived anyway. */
    private static void abandon(CompletableFuture<HttpResponse<InputStream>> future) {
        future.cancel(true);
        future.thenAccept(r -> closeQuietly(r.body()));
    }

    private static HttpRequest build(UpstreamHttpRequest request) {
        HttpRequest.BodyPublisher publisher = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).method(request.method(), publisher);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (!RESTRICTED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                b.header(h.getKey(), h.getValue());
            }
        }
        return b.build();
    }

    /** Credential header values (and bare tokens after "Bearer "), to scrub from echoed error text. */
    private static List<String> secrets(UpstreamHttpRequest request) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)) && h.getValue() != null) {
                String v = h.getValue().strip();
                values.add(v);
                if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    values.add(v.substring(7).strip());
                }
            }
        }
        return values;
    }

    /** {@code host:port} only: the full URI may carry a key in its query or user info. */
    static String target(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
