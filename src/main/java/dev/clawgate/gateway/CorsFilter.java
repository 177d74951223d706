package dev.clawgate.gateway;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.function.Function;

/**
 * CORS for browser clients, from {@code gateway.http.cors.allowedOrigins} (empty: no CORS headers at all).
 * Runs before authentication, since browsers send preflights without credentials. An allowed origin is
 * echoed back exactly, with credentials allowed; {@code "*"} allows any origin but never with credentials
 * (browsers refuse a wildcard with credentials, and a gateway token must not be usable from any site).
 */
final class CorsFilter implements Filter {

    private static final HeaderName ORIGIN = HeaderNames.create("Origin");
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final String DEFAULT_HEADERS = "authorization, content-type, x-api-key, anthropic-version, "
            + "anthropic-beta, x-request-id, openai-organization, openai-project";
    private static final String EXPOSED = "x-request-id, x-clawgate-model, x-clawgate-attempts, "
            + "x-clawgate-fallback-reason, x-clawgate-overhead-ms, x-clawgate-token-count, retry-after";

    private final List<String> allowedOrigins;
    private final boolean any;
    private final Function<String, InboundApi> apiForPath;

    CorsFilter(List<String> allowedOrigins, Function<String, InboundApi> apiForPath) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.any = allowedOrigins.contains("*");
        this.apiForPath = apiForPath;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String origin = req.headers().first(ORIGIN).orElse(null);
        if (origin == null || allowedOrigins.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean preflight = req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD);
        if (!any && !allowedOrigins.contains(origin)) {
            if (preflight) {
                GatewayFilter.sendError(res, apiForPath.apply(req.path().path()), new ApiError(403,
                        ApiError.Kind.AUTHENTICATION, "Origin " + origin + " is not allowed; add it to "
                        + "gateway.http.cors.allowedOrigins", null, "cors_origin_not_allowed"), GatewayFilter.requestId(req));
                return;
            }
            chain.proceed(); // no CORS headers: the browser keeps the answer from the page
            return;
        }
        res.header(HeaderNames.create("Access-Control-Allow-Origin"), any ? "*" : origin);
        res.header(HeaderNames.VARY, "Origin");
        if (!any) {
            res.header(HeaderNames.create("Access-Control-Allow-Credentials"), "true");
        }
        if (!preflight) {
            res.header(HeaderNames.create("Access-Control-Expose-Headers"), EXPOSED);
            chain.proceed();
            return;
        }
        res.header(HeaderNames.create("Access-Control-Allow-Methods"), "GET, POST, DELETE, OPTIONS");
        res.header(HeaderNames.create("Access-Control-Allow-Headers"),
                req.headers().first(REQUEST_HEADERS).orElse(DEFAULT_HEADERS));
        res.header(HeaderNames.create("Access-Control-Max-Age"), "600");
        res.status(Status.NO_CONTENT_204);
        res.send();
    }
}
