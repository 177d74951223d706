package dev.clawgate.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What no route took: a known path asked with the wrong method gets 405 with {@code Allow}; an unknown
 * path a 404. Both in the JSON error shape of the API the path belongs to (Anthropic under
 * {@code /v1/messages}, OpenAI elsewhere), since clients parse errors in their own API's shape.
 */
final class UnroutedRequests implements Handler {

    /** Exact paths and, ending in '/', path prefixes, with the methods they answer. */
    private final Map<String, String> allowed = new LinkedHashMap<>();
    private final Function<String, InboundApi> apiForPath;

    UnroutedRequests(Function<String, InboundApi> apiForPath) {
        this.apiForPath = apiForPath;
    }

    /** Records that {@code path} answers {@code methods} (comma-separated, as in {@code Allow}). */
    UnroutedRequests allow(String path, String methods) {
        allowed.put(path, methods);
        return this;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        Method method = req.prologue().method();
        String methods = methodsFor(path);
        ApiError error;
        if (methods != null) {
            res.header(HeaderNames.ALLOW, methods);
            error = new ApiError(405, ApiError.Kind.METHOD_NOT_ALLOWED, method.text() + " is not allowed on " + path
                    + "; use " + methods.replace(", ", " or "), null, "method_not_allowed");
        } else {
            error = new ApiError(404, ApiError.Kind.NOT_FOUND, "Unknown endpoint: " + method.text() + " " + path
                    + " (Clawgate serves /v1/chat/completions, /v1/responses, /v1/messages, /v1/models)", null,
                    "unknown_url");
        }
        GatewayFilter.sendError(res, apiForPath.apply(path), error, GatewayFilter.requestId(req));
    }

    private String methodsFor(String path) {
        String exact = allowed.get(path);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : allowed.entrySet()) {
            if (e.getKey().endsWith("/") && path.startsWith(e.getKey()) && path.length() > e.getKey().length()) {
                return e.getValue();
            }
        }
        return null;
    }
}
