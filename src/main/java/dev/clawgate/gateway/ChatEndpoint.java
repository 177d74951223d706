package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.agent.AgentTarget;
import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.routing.RouteHeaders;
import dev.clawgate.routing.RoutedStream;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-call handler shared by the three inbound APIs: read and decode the body, admit the call, route
 * it, then stream or collect the answer in the API's format. Auth and the request id are handled before,
 * by {@link GatewayFilter}.
 *
 * <p>{@code x-clawgate-overhead-ms} is the time spent in Clawgate from the moment the request body was
 * fully received until the response headers were ready, minus upstream time: the duration of every routing
 * attempt as the router reports it (or the whole {@code open} call when it reports none) and, for
 * non-streaming answers, the time spent waiting for upstream events. It covers decoding, validation,
 * admission, routing decisions and encoding; it does not cover Helidon's header parsing or the client's
 * upload time.
 *
 * <p>A client that hangs up while its call is in flight cancels the call ({@link DisconnectWatch}); a
 * non-streaming call is routed whole ({@link RouteOptions#wholeResponse()}), so that every upstream
 * failure before the client's first byte fails over.
 */
final class ChatEndpoint implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);

    private final InboundApi api;
    private final ModelRouter router;
    private final GatewayMetrics metrics;
    private final CallGate gate;
    private final java.util.function.Supplier<GatewaySettings.Limits> limits; // read per request: reload applies them
    private final ClientConnections connections;
    private final ApiOptions options;
    private final KeyAccess keys;

    ChatEndpoint(InboundApi api, ModelRouter router, GatewayMetrics metrics, CallGate gate,
            java.util.function.Supplier<GatewaySettings.Limits> limits, ClientConnections connections,
            ApiOptions options) {
        this(api, router, metrics, gate, limits, connections, options, KeyAccess.none());
    }

    ChatEndpoint(InboundApi api, ModelRouter router, GatewayMetrics metrics, CallGate gate,
            java.util.function.Supplier<GatewaySettings.Limits> limits, ClientConnections connections,
            ApiOptions options, KeyAccess keys) {
        this.keys = keys;
        this.api = api;
        this.router = router;
        this.metrics = metrics;
        this.gate = gate;
        this.limits = limits;
        this.connections = connections;
        this.options = options;
    }

    /** The routed stream as the client may see it: without reasoning under {@code gateway.reasoning: "drop"}. */
    private EventStream visible(RoutedStream stream) {
        return options.reasoning() == ApiOptions.Reasoning.DROP ? new WithoutReasoning(stream) : stream;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long received = System.nanoTime();
        String requestId = GatewayFilter.requestId(req);
        String keyId = GatewayFilter.keyId(req);
        DecodedCall call;
        long bodyReceived;
        try {
            long declared = req.headers().contentLength().orElse(-1L);
            int buffered = declared < 0 ? 0 : connections.of(req).map(c -> c.dataReader().available()).orElse(0);
            byte[] body = RequestBodyReader.readWithDeadline(req.content().inputStream(), declared, buffered,
                    limits.get().maxRequestBytes(), limits.get().requestReceiveTimeout(), received);
            bodyReceived = System.nanoTime();
            JsonNode json = Json.parseRequestBody(body);
            call = api.decode(json);
        } catch (RequestBodyReader.LimitExceededException e) {
            metrics.limitRejected(e.limit);
            res.header(HeaderNames.CONNECTION, "close"); // the rest of the body is not worth reading
            sendError(res, e.error, requestId, "none", received, keyId);
            return;
        } catch (InvalidRequestException e) {
            sendError(res, e.toApiError(), requestId, "none", received, keyId);
            return;
        } catch (UncheckedIOException e) {
            LOG.debug("request {}: body unreadable: {}", requestId, e.getMessage());
            return; // the client went away while uploading; nobody to answer
        }
        KeyAccess.Refusal refusal = keys.check(keyId, call.request().model());
        if (refusal != null) {
            if (refusal.retryAfter() != null) {
                metrics.limitRejected("key_rate_limit");
            }
            refusal.retryAfterHeader(res);
            LOG.info("request {}: key {}: {}", requestId, keyId, refusal.error().message());
            sendError(res, refusal.error(), requestId, "none", received, keyId);
            return;
        }

        switch (gate.enter()) {
            case DRAINING -> {
                sendError(res, new ApiError(503, ApiError.Kind.UNAVAILABLE, "The gateway is shutting down; retry "
                        + "against another instance or after restart", null, "shutting_down"), requestId, "none", received,
                        keyId);
                return;
            }
            case AT_LIMIT -> {
                metrics.limitRejected("max_concurrent_calls");
                res.header(HeaderNames.RETRY_AFTER, "1");
                sendError(res, new ApiError(429, ApiError.Kind.RATE_LIMIT, "Too many concurrent model calls: the limit "
                        + "is " + gate.maxCalls() + " (gateway.limits.maxConcurrentCalls)", null, "concurrency_limit"),
                        requestId, "none", received, keyId);
                return;
            }
            case ADMITTED -> { }
        }
        DisconnectWatch watch = DisconnectWatch.start(connections.of(req), DisconnectWatch.DEFAULT_AFTER);
        boolean endConnection;
        try {
            route(call, res, new Call(requestId, keyId, GatewayFilter.authenticatedUser(req)), received, bodyReceived,
                    watch);
        } finally {
            endConnection = watch.stop();
            gate.leave();
        }
        if (endConnection) {
            // the watch read this connection, so it cannot serve another request; closing it is the answer's end
            throw new CloseConnectionException("request " + requestId + " done; connection was watched for a hang-up");
        }
    }

    /**
     * An agent turn of a user a trusted proxy authenticated runs as that user: the session is theirs, whatever
     * the body's {@code user} field claims. Model calls keep the body as sent.
     */
    private static ChatRequest asAuthenticatedUser(ChatRequest request, String user, String requestId) {
        if (user == null || AgentTarget.parse(request.model()).isEmpty()) {
            return request;
        }
        LOG.info("request {}: agent turn for {} as trusted-proxy user '{}'", requestId, request.model(), user);
        return request.withUser(user);
    }

    /**
     * Who asked: the request id, the client key (null for the gateway token) and the user a trusted proxy
     * authenticated (null in other auth modes), for sessions, logs and metrics.
     */
    private record Call(String requestId, String keyId, String user) {}

    private void route(DecodedCall call, ServerResponse res, Call who, long received, long bodyReceived,
            DisconnectWatch watch) {
        String requestId = who.requestId();
        String keyId = who.keyId();
        ChatRequest request = asAuthenticatedUser(call.request(), who.user(), requestId);
        RoutedStream stream;
        long openStart = System.nanoTime();
        try {
            RouteOptions options = RouteOptions.DEFAULT.forRequest(requestId).forAuthenticatedUser(who.user());
            stream = router.open(request, keys.options(keyId, request.stream() ? options : options.collectingWhole()));
        } catch (UnknownModelException e) {
            sendError(res, RouterErrors.unknownModel(e), who, "none", received, watch);
            return;
        } catch (dev.clawgate.routing.PrivacyBlockedException e) {
            LOG.warn("request {}: {}", requestId, e.getMessage());
            res.header(RouteHeaders.ATTEMPTS, HeaderValues.safe(RouteHeaders.attempts(e.attempts())));
            sendError(res, RouterErrors.dataPolicyBlocked(e), who, "none", received, watch);
            return;
        } catch (dev.clawgate.routing.BudgetExceededException e) {
            metrics.attempts(e.attempts(), false);
            LOG.warn("request {}: {}", requestId, e.getMessage());
            res.header(RouteHeaders.ATTEMPTS, HeaderValues.safe(RouteHeaders.attempts(e.attempts())));
            e.retryAfter().ifPresent(wait -> res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds(wait)));
            sendError(res, RouterErrors.budgetExceeded(e), who, "none", received, watch);
            return;
        } catch (AllCandidatesFailedException e) {
            if (watch.clientLeft()) {
                cancelledByClient(requestId);
                return;
            }
            metrics.attempts(e.attempts(), false);
            LOG.warn("request {}: {}", requestId, e.getMessage());
            res.header(RouteHeaders.ATTEMPTS, HeaderValues.safe(RouteHeaders.attempts(e.attempts())));
            e.retryAfter().ifPresent(wait -> res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds(wait)));
            sendError(res, RouterErrors.allFailed(e), who, "none", received, watch);
            return;
        } catch (UpstreamException e) {
            if (watch.clientLeft()) {
                cancelledByClient(requestId);
                return;
            }
            metrics.upstreamFailure(e.failure(), "before_first_event");
            if (e.retryAfter() != null && !e.retryAfter().isNegative()) {
                res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds(e.retryAfter()));
            }
            sendError(res, RouterErrors.upstream(e), who, "none", received, watch);
            return;
        }
        if (watch.clientLeft()) { // it left as the answer arrived
            stream.close();
            cancelledByClient(requestId);
            return;
        }
        long openNanos = System.nanoTime() - openStart;
        String modelRef = stream.model().ref();
        metrics.attempts(stream.attempts(), stream.fellBack());
        gate.track(stream);
        metrics.streamOpened();
        try {
            // the model that answered, as OpenAI and vLLM report it, whether or not the router fell back
            ResponseMeta meta = new ResponseMeta(modelRef, System.currentTimeMillis() / 1000, requestId);
            if (request.stream()) {
                stream(call, stream, res, meta, received, bodyReceived, openNanos, watch, keyId);
            } else {
                collect(call, stream, res, meta, received, bodyReceived, openNanos, watch, keyId);
            }
        } finally {
            metrics.streamClosed();
            gate.untrack(stream);
            stream.close();
        }
    }

    private void stream(DecodedCall call, RoutedStream stream, ServerResponse res, ResponseMeta meta, long received,
            long bodyReceived, long openNanos, DisconnectWatch watch, String keyId) {
        String modelRef = stream.model().ref();
        routedHeaders(res, stream, overheadMillis(bodyReceived, upstreamNanos(stream.attempts(), openNanos)));
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("x-accel-buffering", "no"); // nginx: do not buffer the stream
        announceClose(res, watch);
        OutputStream out = res.outputStream();
        SseSink sink = new SseSink(out);
        AtomicReference<Usage> usage = new AtomicReference<>();
        boolean[] firstToken = {false};
        StreamRelay relay = new StreamRelay(visible(stream), call.streamEncoder(meta), sink,
                limits.get().keepAliveInterval());
        watch.cancels(relay::clientGone);
        StreamRelay.Outcome outcome = relay.run(event -> {
            if (!firstToken[0] && isOutput(event)) {
                firstToken[0] = true;
                metrics.timeToFirstToken(api.name(), modelRef, Duration.ofNanos(System.nanoTime() - received));
            }
            if (event instanceof StreamEvent.UsageReport u) {
                usage.set(u.usage());
            }
        }, e -> RouterErrors.midStream(e, modelRef));
        answered(call, stream, usage.get(), meta.requestId(), keyId);
        switch (outcome.ending()) {
            case COMPLETED -> { }
            case UPSTREAM_FAILED -> {
                metrics.upstreamFailure(outcome.failure().failure(), "mid_stream");
                LOG.warn("request {}: {} failed mid-stream after {} bytes to the client; sent the {} error event: {} ({})",
                        meta.requestId(), modelRef, sink.bytesWritten(), api.name(), outcome.failure().getMessage(),
                        outcome.failure().failure().label());
            }
            case CLIENT_GONE -> {
                metrics.clientDisconnect(api.name());
                LOG.info("request {}: client disconnected mid-stream; closed the upstream {}", meta.requestId(), modelRef);
            }
        }
        try {
            out.close();
        } catch (Exception e) {
            LOG.debug("request {}: closing the response failed: {}", meta.requestId(), e.toString());
        }
        metrics.request(api.name(), modelRef, 200, Duration.ofNanos(System.nanoTime() - received), keyId);
    }

    /**
     * Counts an answered call's usage (metrics, the key's token rate) and logs it with its key, at DEBUG: a
     * line per request was 2-4 % of the gateway's CPU and a console write (a syscall) per request (issue 17);
     * the decisions worth reading (fallbacks, failures, refusals) stay at INFO.
     */
    private void answered(DecodedCall call, RoutedStream stream, Usage usage, String requestId, String keyId) {
        metrics.tokens(api.name(), call.request().model(), stream.model(), usage, keyId);
        keys.used(keyId, usage);
        if (LOG.isDebugEnabled()) {
            LOG.debug("request {}: key {} model {} answered by {} ({} in, {} out)", requestId,
                    keyId != null ? keyId : "-", call.request().model(), stream.model().ref(),
                    usage == null ? 0 : usage.totalInputTokens(), usage == null ? 0 : usage.outputTokens());
        }
    }

    private void collect(DecodedCall call, RoutedStream stream, ServerResponse res, ResponseMeta meta, long received,
            long bodyReceived, long openNanos, DisconnectWatch watch, String keyId) {
        String modelRef = stream.model().ref();
        watch.cancels(stream::close);
        ChatResponse.Builder builder = new ChatResponse.Builder();
        EventStream events = visible(stream);
        long waitedNanos = 0;
        try {
            while (true) {
                long t = System.nanoTime();
                StreamEvent e = events.next();
                waitedNanos += System.nanoTime() - t;
                if (e == null) {
                    break;
                }
                builder.accept(e);
            }
        } catch (UpstreamException e) {
            metrics.upstreamFailure(e.failure(), "mid_stream");
            LOG.warn("request {}: {} failed before the answer was complete: {} ({})", meta.requestId(), modelRef,
                    e.getMessage(), e.failure().label());
            routedHeaders(res, stream, -1);
            ApiError midStream = RouterErrors.midStream(e, modelRef);
            // Nothing was sent yet, so the client gets a plain HTTP error (the status says retry or not)
            ApiError plain = RouterErrors.upstream(e);
            sendError(res, new ApiError(plain.status(), plain.kind(), midStream.message(), null, plain.code()),
                    new Call(meta.requestId(), keyId, null), modelRef, received, watch);
            return;
        }
        ChatResponse response = builder.build();
        answered(call, stream, response.usage(), meta.requestId(), keyId);
        byte[] body = call.completeBody(response, meta);
        routedHeaders(res, stream, overheadMillis(bodyReceived, upstreamNanos(stream.attempts(), openNanos) + waitedNanos));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        announceClose(res, watch);
        res.send(body);
        metrics.request(api.name(), modelRef, 200, Duration.ofNanos(System.nanoTime() - received), keyId);
    }

    private static boolean isOutput(StreamEvent e) {
        return e instanceof StreamEvent.TextDelta || e instanceof StreamEvent.ReasoningDelta
                || e instanceof StreamEvent.ToolCallStart;
    }

    /** Upstream time inside {@code open}: the attempts' own durations, or all of it when none were reported. */
    private static long upstreamNanos(List<Attempt> attempts, long openNanos) {
        long sum = 0;
        boolean any = false;
        for (Attempt a : attempts) {
            if (a.duration() != null) {
                sum += a.duration().toNanos();
                any = true;
            }
        }
        return any ? Math.min(sum, openNanos) : openNanos;
    }

    private static long overheadMillis(long bodyReceived, long upstreamNanos) {
        long elapsed = System.nanoTime() - bodyReceived;
        return Math.max(0, (elapsed - upstreamNanos) / 1_000_000);
    }

    private static void routedHeaders(ServerResponse res, RoutedStream stream, long overheadMs) {
        RouteHeaders.of(stream).forEach((name, value) -> res.header(name, HeaderValues.safe(value)));
        if (overheadMs >= 0) {
            res.header("x-clawgate-overhead-ms", Long.toString(overheadMs));
        }
    }

    private void sendError(ServerResponse res, ApiError error, Call who, String model, long received,
            DisconnectWatch watch) {
        announceClose(res, watch);
        sendError(res, error, who.requestId(), model, received, who.keyId());
    }

    private void cancelledByClient(String requestId) {
        metrics.clientDisconnect(api.name());
        LOG.info("request {}: the client disconnected before its answer began; cancelled the model call", requestId);
    }

    /** {@code Connection: close} on a response whose connection the disconnect watch is reading. */
    private static void announceClose(ServerResponse res, DisconnectWatch watch) {
        if (watch.announceClose()) {
            res.header(HeaderNames.CONNECTION, "close");
        }
    }

    /** Whole seconds, rounded up: {@code Retry-After} takes no fractions, and 0 would invite a retry storm. */
    static String retryAfterSeconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Long.toString(seconds);
    }

    private void sendError(ServerResponse res, ApiError error, String requestId, String model, long received,
            String keyId) {
        GatewayFilter.sendError(res, api, error, requestId);
        metrics.request(api.name(), model, error.status(), Duration.ofNanos(System.nanoTime() - received), keyId);
    }
}
