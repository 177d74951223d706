package dev.clawgate.upstream.transport;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.WireMeter;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link HttpTransport} as a blocking HTTP/1.1 client that runs on the caller's (virtual) thread: no
 * executor, no selector thread, no timer. Connections are kept alive and pooled per host
 * ({@link ConnectionPool}); TLS is the JDK's, with host name verification and SNI. The four limits of
 * {@link CallOptions} are kept apart:
 *
 * <ul>
 *   <li><b>connect</b>: the socket's connect timeout (and the TLS handshake's read timeout);
 *   <li><b>first byte</b>: from sending until the response head, the first body byte (a server that
 *       sends headers and then nothing has not answered; the byte is kept and served back as the start of
 *       the body) and the first complete event, as the consumer reports it
 *       ({@link UpstreamHttpResponse#eventReceived()});
 *   <li><b>idle</b>: longest upstream wait between two events (reading time only);
 *   <li><b>deadline</b>: the whole call, head and body.
 * </ul>
 *
 * Each is a socket read timeout recomputed before every read ({@link LimitedBodyStream}); a limit that
 * passes closes the connection and the read throws {@link ReadTimeoutException}, which
 * {@link #classify(IOException)} maps. A connection reset before the response head is retried once on a
 * new connection, since a pooled keep-alive connection the server had just closed looks exactly like that
 * (vLLM, uvicorn).
 */
public final class Http1Transport implements HttpTransport, AutoCloseable {

    /** Error bodies are for a message and a class; more than this is noise. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    static final Duration DEFAULT_ERROR_BODY_TIME = Duration.ofSeconds(5);
    /** The first read of a body (one pooled buffer); also what the caller's sniffing sees. */
    private static final int FIRST_READ_BYTES = ReadBuffers.SIZE;
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer");
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "x-api-key", "api-key", "x-goog-api-key", "proxy-authorization");

    private final ConnectionPool pool = new ConnectionPool();
    private final Clock clock;
    private final Duration errorBodyTime;

    public Http1Transport() {
        this(Clock.systemUTC(), DEFAULT_ERROR_BODY_TIME);
    }

    /** @param errorBodyTime longest time spent reading a non-2xx body before classifying what arrived */
    public Http1Transport(Clock clock, Duration errorBodyTime) {
        this.clock = clock;
        this.errorBodyTime = errorBodyTime;
    }

    @Override
    public UpstreamHttpResponse send(UpstreamHttpRequest request, CallOptions options) {
        CallLimits limits = CallLimits.start(options);
        URI uri = request.uri();
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UpstreamException(FailureClass.BAD_REQUEST, 0, "unsupported URL scheme '" + scheme
                    + "' (use http:// or https://)", null, null);
        }
        String target = target(uri);
        byte[] head = requestHead(request, uri);
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(request, head, uri, scheme, limits, options, target, attempt > 1);
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
        pool.close();
    }

    private UpstreamHttpResponse attempt(UpstreamHttpRequest request, byte[] head, URI uri, String scheme,
            CallLimits limits, CallOptions options, String target, boolean fresh) {
        String key = scheme + "://" + target;
        Http1Connection conn = fresh ? null : pool.take(key);
        Http1Response response;
        try {
            if (conn == null) {
                conn = connect(key, uri, scheme.equals("https"), limits, options, target);
            }
            conn.budget(headBudget(limits, target));
            byte[] body = request.body();
            // the body is handed to the connection on every attempt, so each one counts as sent
            options.meter().sent(body == null ? 0 : body.length);
            conn.write(head, body);
            response = Http1Response.read(conn, "HEAD".equals(request.method()));
        } catch (UpstreamException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (conn != null) {
                conn.abort();
            }
            throw FailureClassifier.fromTransport(e, false, target);
        }
        int status = response.status;
        String contentType = response.header("content-type").orElse(null);
        if (status < 200 || status >= 300) {
            throw httpFailure(conn, response, limits, target, secrets(request), options.meter());
        }
        LimitedBodyStream body = new LimitedBodyStream(conn, response, limits, target, pool, options.meter());
        try {
            long declared = response.declaredLength();
            body.awaitFirstByte(declared >= 0 ? (int) Math.min(declared, FIRST_READ_BYTES) : FIRST_READ_BYTES);
            if (FailureClassifier.isMalformed(contentType, body.headText(64))) {
                String page = readBounded(body);
                body.close();
                throw FailureClassifier.malformed(status, contentType, SecretRedactor.redact(page, secrets(request)));
            }
        } catch (IOException e) {
            body.close();
            throw FailureClassifier.fromTransport(e, true, target);
        }
        return new Http1UpstreamResponse(response, body);
    }

    private static Http1Connection connect(String key, URI uri, boolean tls, CallLimits limits, CallOptions options,
            String target) throws IOException {
        long headLeft = limits.nanosUntilHeadDue(System.nanoTime());
        long connectLimit = options.connectTimeout() == null || options.connectTimeout().isNegative()
                || options.connectTimeout().isZero() ? Long.MAX_VALUE : options.connectTimeout().toNanos();
        long wait = Math.min(headLeft, connectLimit);
        int millis = wait >= CallLimits.NO_LIMIT_NANOS / 2 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (wait + 999_999) / 1_000_000));
        try {
            return Http1Connection.open(key, host(uri), port(uri), tls, millis, millis);
        } catch (SocketTimeoutException e) {
            if (headLeft <= connectLimit) {
                throw limits.firstByteExpired(target);
            }
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connect timed out");
            timeout.initCause(e);
            throw timeout;
        }
    }

    /** Until the head: the first-byte limit or the deadline, whichever comes first. */
    private static Http1Connection.ReadBudget headBudget(CallLimits limits, String target) {
        return () -> {
            long left = limits.nanosUntilHeadDue(System.nanoTime());
            if (left <= 0) {
                throw limits.firstByteExpired(target);
            }
            return left >= CallLimits.NO_LIMIT_NANOS / 2 ? 0
                    : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        };
    }

    /** Request line and headers, in one buffer: our headers, then the caller's (minus hop-by-hop ones). */
    private static byte[] requestHead(UpstreamHttpRequest request, URI uri) {
        StringBuilder sb = new StringBuilder(256);
        String path = uri.getRawPath();
        sb.append(request.method()).append(' ').append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            sb.append('?').append(uri.getRawQuery());
        }
        sb.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        sb.append("\r\n");
        boolean userAgent = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (RESTRICTED_HEADERS.contains(name) || h.getValue() == null) {
                continue;
            }
            String value = h.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || h.getKey().indexOf(':') >= 0) {
                throw new UpstreamException(FailureClass.BAD_REQUEST, 0, "header '" + h.getKey()
                        + "' holds a line break or colon; check the provider's configured headers", null, null);
            }
            userAgent |= name.equals("user-agent");
            sb.append(h.getKey()).append(": ").append(value).append("\r\n");
        }
        if (!userAgent) {
            sb.append("User-Agent: clawgate\r\n");
        }
        byte[] body = request.body();
        if (body != null || !request.method().equals("GET")) {
            sb.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private UpstreamException httpFailure(Http1Connection conn, Http1Response response, CallLimits limits,
            String target, List<String> secrets, WireMeter meter) {
        int status = response.status;
        LimitedBodyStream body = new LimitedBodyStream(conn, response, limits.forErrorBody(errorBodyTime), target,
                pool, meter);
        String text = readBounded(body);
        body.close();
        Duration retryAfter = RetryAfter.parse(response.header("retry-after-ms").orElse(null),
                response.header("retry-after").orElse(null), clock);
        return FailureClassifier.fromHttp(status, response.header("content-type").orElse(null), text, retryAfter,
                secrets);
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
        return uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The host to connect to: an IPv6 literal without its brackets. */
    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in the URL");
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
