package dev.clawgate.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs before every route: assigns the request id ({@code x-request-id}, the client's own when it is a
 * sane token) and enforces the gateway token everywhere but the liveness and readiness probes.
 */
final class GatewayFilter implements Filter {

    private static final String REQUEST_ID_KEY = "clawgate.request-id";
    private static final String AUTHENTICATED_USER_KEY = "clawgate.authenticated-user";
    private static final String KEY_ID_KEY = "clawgate.key-id";
    private static final io.helidon.http.HeaderName REQUEST_ID_HEADER = HeaderNames.create("x-request-id");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenAuthenticator auth;
    private final GatewayMetrics metrics;
    private final Function<String, InboundApi> apiForPath;

    private final java.util.function.IntSupplier maxHeaderBytes;
    private final java.util.function.Predicate<String> publicPath;

    GatewayFilter(TokenAuthenticator auth, GatewayMetrics metrics, Function<String, InboundApi> apiForPath,
            java.util.function.IntSupplier maxHeaderBytes) {
        this(auth, metrics, apiForPath, maxHeaderBytes, path -> false);
    }

    /** @param publicPath paths served without a token besides the probes: the Control UI's page shell and the chat
     *     channels' webhooks (their channel's own secret authenticates them) */
    GatewayFilter(TokenAuthenticator auth, GatewayMetrics metrics, Function<String, InboundApi> apiForPath,
            java.util.function.IntSupplier maxHeaderBytes, java.util.function.Predicate<String> publicPath) {
        this.publicPath = publicPath;
        this.maxHeaderBytes = maxHeaderBytes;
        this.auth = auth;
        this.metrics = metrics;
        this.apiForPath = apiForPath;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = req.headers().first(REQUEST_ID_HEADER).filter(v -> CLIENT_ID.matcher(v).matches())
                .orElseGet(GatewayFilter::newRequestId);
        req.context().register(REQUEST_ID_KEY, id);
        res.header(REQUEST_ID_HEADER, id);
        String path = req.path().path();
        long headerBytes = headerBytes(req);
        int maxHeaderBytes = this.maxHeaderBytes.getAsInt();
        if (headerBytes > maxHeaderBytes) {
            metrics.limitRejected("max_header_bytes");
            res.header(HeaderNames.CONNECTION, "close");
            sendError(res, apiForPath.apply(path), new ApiError(431, ApiError.Kind.INVALID_REQUEST, "Request headers "
                    + "exceed the limit of " + maxHeaderBytes + " bytes (gateway.limits.maxHeaderBytes; got "
                    + headerBytes + ")", null, "request_header_fields_too_large"), id);
            return;
        }
        if (path.equals("/health") || path.equals("/ready") || publicPath.test(path)) {
            chain.proceed();
            return;
        }
        String client = clientAddress(req.remotePeer().address());
        TokenAuthenticator.Outcome outcome = auth.check(name -> req.headers().first(HeaderNames.create(name)).orElse(null),
                req.remotePeer().address() instanceof InetSocketAddress inet ? inet.getAddress() : null, client);
        switch (outcome) {
            case TokenAuthenticator.Outcome.Allowed a -> {
                if (a.user() != null) {
                    req.context().register(AUTHENTICATED_USER_KEY, a.user());
                }
                if (a.keyId() != null) {
                    req.context().register(KEY_ID_KEY, a.keyId());
                }
                chain.proceed();
            }
            case TokenAuthenticator.Outcome.Denied d -> {
                metrics.authFailure(d.reason());
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                sendError(res, apiForPath.apply(path), new ApiError(401, ApiError.Kind.AUTHENTICATION, d.message(),
                        null, "invalid_api_key"), id);
            }
            case TokenAuthenticator.Outcome.Throttled t -> {
                metrics.authFailure("throttled");
                res.header(HeaderNames.RETRY_AFTER, Long.toString(t.retryAfter().toSeconds()));
                sendError(res, apiForPath.apply(path), new ApiError(429, ApiError.Kind.RATE_LIMIT, t.message(), null,
                        "auth_rate_limited"), id);
            }
        }
    }

    /** Header bytes as sent on the wire: {@code name: value\r\n} per header. */
    private static long headerBytes(RoutingRequest req) {
        long total = 0;
        for (io.helidon.http.Header h : req.headers()) {
            for (String v : h.allValues()) {
                total += h.name().length() + 4 + v.length();
            }
        }
        return total;
    }

    static String requestId(ServerRequest req) {
        return req.context().get(REQUEST_ID_KEY, String.class).orElseGet(GatewayFilter::newRequestId);
    }

    /** The user a trusted proxy authenticated for this request, or null (any other auth mode). */
    static String authenticatedUser(ServerRequest req) {
        return req.context().get(AUTHENTICATED_USER_KEY, String.class).orElse(null);
    }

    /** The client key ({@code gateway.auth.keys[].id}) the request authenticated with, or null. */
    static String keyId(ServerRequest req) {
        return req.context().get(KEY_ID_KEY, String.class).orElse(null);
    }

    static void sendError(ServerResponse res, InboundApi api, ApiError error, String requestId) {
        res.status(Status.create(error.status()));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(api.errorBody(error, requestId));
    }

    private static String newRequestId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "req_" + HexFormat.of().formatHex(b);
    }

    private static String clientAddress(SocketAddress a) {
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }
}
