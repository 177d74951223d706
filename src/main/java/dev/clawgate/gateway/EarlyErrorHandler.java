package dev.clawgate.gateway;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.Locale;
import java.util.function.Function;

/**
 * Answers requests Helidon rejects before routing (oversized headers, malformed request lines) in the
 * API's error shape, so that even these carry a message naming the limit.
 */
final class EarlyErrorHandler implements DirectHandler {

    private final java.util.function.IntSupplier maxHeaderBytes;
    private final GatewayMetrics metrics;
    private final Function<String, InboundApi> apiForPath;

    EarlyErrorHandler(java.util.function.IntSupplier maxHeaderBytes, GatewayMetrics metrics, Function<String, InboundApi> apiForPath) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.metrics = metrics;
        this.apiForPath = apiForPath;
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType type, Status status, ServerResponseHeaders headers,
            Throwable thrown) {
        return answer(req, status, describe(thrown));
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType type, Status status, ServerResponseHeaders headers,
            Throwable thrown, System.Logger logger) {
        return answer(req, status, describe(thrown));
    }

    @Override
    public TransportResponse handle(TransportRequest req, EventType type, Status status, ServerResponseHeaders headers,
            String message) {
        return answer(req, status, message);
    }

    private static String describe(Throwable thrown) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append("; ");
            }
        }
        return sb.toString();
    }

    private TransportResponse answer(TransportRequest req, Status status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        ApiError error;
        if (status.code() == 431 || m.contains("header size exceeded")) {
            metrics.limitRejected("max_header_bytes");
            error = new ApiError(431, ApiError.Kind.INVALID_REQUEST, "Request headers exceed the limit of "
                    + maxHeaderBytes.getAsInt() + " bytes (gateway.limits.maxHeaderBytes)", null, "request_header_fields_too_large");
        } else if (status.code() >= 500) {
            error = new ApiError(status.code(), ApiError.Kind.INTERNAL, "Internal error before the request was routed",
                    null, null);
        } else {
            error = new ApiError(status.code(), ApiError.Kind.INVALID_REQUEST, "Bad request: "
                    + (message == null || message.isBlank() ? status.reasonPhrase() : message), null, null);
        }
        String path;
        try {
            path = req.path();
        } catch (RuntimeException e) {
            path = null;
        }
        return TransportResponse.builder()
                .status(Status.create(error.status()))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .keepAlive(false)
                .entity(apiForPath.apply(path).errorBody(error, null))
                .build();
    }
}
