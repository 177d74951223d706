package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clawgate.gateway.anthropic.MessagesApi;
import dev.clawgate.gateway.openai.ChatCompletionsApi;
import dev.clawgate.gateway.openai.ResponsesApi;
import dev.clawgate.routing.ModelRouter;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import dev.clawgate.channel.Webhook;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server (Helidon SE, one virtual thread per request).
 *
 * <pre>
 * POST /v1/chat/completions   OpenAI Chat Completions (JSON or SSE)
 * POST /v1/responses          OpenAI Responses (JSON or SSE)
 * POST /v1/messages           Anthropic Messages (JSON or SSE)
 * GET  /v1/models[/{id}]      OpenAI model list; ids may contain '/'
 * GET  /health                liveness, never authenticated
 * GET  /ready                 readiness ({@link ReadinessCheck}), never authenticated
 * GET  /metrics               Prometheus text format (authenticated like /v1)
 * </pre>
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewaySettings settings;
    private final ModelRouter router;
    private final ModelDirectory directory;
    private final ReadinessCheck readiness;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final CallGate gate;
    private final InboundApi chatCompletions = new ChatCompletionsApi();
    private final InboundApi responses = new ResponsesApi();
    private final InboundApi messages = new MessagesApi();
    private WebServer server;
    private Supplier<JsonNode> status = () -> JsonNodeFactory.instance.objectNode();
    private List<Webhook> webhooks = List.of();

    public GatewayServer(GatewaySettings settings, ModelRouter router, ModelDirectory directory) {
        this(settings, router, directory, ReadinessCheck.ALWAYS_READY);
    }

    public GatewayServer(GatewaySettings settings, ModelRouter router, ModelDirectory directory,
            ReadinessCheck readiness) {
        this.settings = settings;
        this.router = router;
        this.directory = directory;
        this.readiness = readiness;
        this.gate = new CallGate(settings.limits().maxConcurrentCalls());
    }

    /**
     * What {@code GET /clawgate/status} answers (behind the same auth as {@code /v1}): the runtime's live
     * state, such as cooldowns, for {@code clawgate models status}. Set before {@link #start()}.
     */
    public GatewayServer status(Supplier<JsonNode> source) {
        this.status = source;
        return this;
    }

    /**
     * Chat channel webhooks to serve (before {@link #start()}): exempt from the gateway token, each
     * authenticated by its channel's own secret.
     */
    public GatewayServer webhooks(List<Webhook> hooks) {
        this.webhooks = List.copyOf(hooks);
        return this;
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound port (useful with port 0)
     * @throws GatewayStartException when the settings are unsafe (no auth off loopback, empty token)
     */
    public synchronized int start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        BindSafety.check(settings);
        GatewaySettings.Limits limits = settings.limits();
        TokenAuthenticator auth = new TokenAuthenticator(
                settings.authMode() == GatewaySettings.AuthMode.TOKEN ? settings.token() : null,
                limits.authFailuresPerMinute());
        try {
            server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownGracePeriod(Duration.ofMillis(500))
                    // TCP_NODELAY: Helidon leaves Nagle on, so each SSE event written while the previous one is
                    // unacknowledged waited for the client's delayed ACK (~40 ms on Linux) before leaving.
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .addProtocol(Http1Config.builder().maxHeadersSize(transportHeaderCap(limits)).build())
                    .directHandlers(earlyErrors(limits))
                    .routing(r -> routes(r, auth))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            throw new GatewayStartException("Could not listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("gateway listening on http://{}:{} (auth {})", settings.host(), server.port(),
                settings.authMode().name().toLowerCase(Locale.ROOT));
        return server.port();
    }

    private void routes(HttpRouting.Builder r, TokenAuthenticator auth) {
        ModelsEndpoint models = new ModelsEndpoint(directory, chatCompletions);
        r.addFilter(new GatewayFilter(auth, metrics, this::apiForPath, settings.limits().maxHeaderBytes(),
                webhooks.stream().map(Webhook::path).collect(java.util.stream.Collectors.toUnmodifiableSet())));
        WebhookRoutes.mount(r, webhooks);
        r.post("/v1/chat/completions", endpoint(chatCompletions))
                .post("/v1/responses", endpoint(responses))
                .post("/v1/messages", endpoint(messages))
                .get("/v1/models", models::list)
                .get(ModelsEndpoint.PREFIX + "*", models::one)
                .get("/health", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send("{\"status\":\"ok\"}");
                })
                .get("/ready", (req, res) -> {
                    ReadinessCheck.Result result = readiness.check();
                    ProbeResponses.ready(res, result);
                })
                .get("/clawgate/status", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(status.get().toString());
                })
                .get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.scrape());
                });
    }

    /**
     * Helidon's own header cap sits above the configured limit, so that requests between the two reach
     * {@link GatewayFilter} and get a 431 naming the limit; Helidon answers the (rare) larger ones with 400.
     */
    private static int transportHeaderCap(GatewaySettings.Limits limits) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4L * limits.maxHeaderBytes(), 64 * 1024));
    }

    private DirectHandlers earlyErrors(GatewaySettings.Limits limits) {
        EarlyErrorHandler handler = new EarlyErrorHandler(limits.maxHeaderBytes(), metrics, this::apiForPath);
        return DirectHandlers.builder().addHandler(DirectHandler.EventType.BAD_REQUEST, handler).build();
    }

    private ChatEndpoint endpoint(InboundApi api) {
        return new ChatEndpoint(api, router, metrics, gate, settings.limits());
    }

    /** Anthropic's error shape on its path, OpenAI's everywhere else. */
    InboundApi apiForPath(String path) {
        return path != null && path.startsWith("/v1/messages") ? messages : chatCompletions;
    }

    /** The bound port; valid after {@link #start()}. */
    public int port() {
        return server.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Stops gracefully: new model calls are refused with 503 at once, calls in flight get up to {@code grace}
     * to finish, any still open then have their upstream closed (clients get the API's error event), and the
     * listener closes.
     */
    public void stop(Duration grace) {
        WebServer s;
        synchronized (this) {
            s = server;
            if (s == null) {
                return;
            }
            server = null;
        }
        gate.startDraining();
        if (!gate.awaitIdleQuietly(grace)) {
            LOG.warn("gateway stop: calls still open after {} ms; closing their upstreams", grace.toMillis());
            gate.closeAll();
            gate.awaitIdleQuietly(Duration.ofSeconds(2));
        }
        s.stop();
        LOG.info("gateway stopped");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
