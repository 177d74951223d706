package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clawgate.console.Console;
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
 * POST /v1/messages/count_tokens  Anthropic token count (the Anthropic upstream's, else a local estimate)
 * GET|DELETE /v1/responses/{id}  a stored Responses answer (with a response store)
 * POST /v1/embeddings         OpenAI embeddings, routed to OpenAI-compatible and Ollama upstreams
 * GET  /v1/models[/{id}]      OpenAI model list (Anthropic's shape when the request has anthropic-version)
 * any other method or path    405 with Allow, or 404, in the path's API error shape
 * GET  /health                liveness, never authenticated
 * GET  /ready                 readiness ({@link ReadinessCheck}), never authenticated
 * GET  /metrics               Prometheus text format (authenticated like /v1)
 * GET  /                      the Control UI (gateway.controlUi; its API under /clawgate/api/, see Console)
 * </pre>
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private volatile GatewaySettings settings; // auth and limits change on reload (update); host and port do not
    private final ModelRouter router;
    private final ModelDirectory directory;
    private final ReadinessCheck readiness;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final CallGate gate;
    private final ClientConnections connections = new ClientConnections();
    private final ConnectionGuard guard;
    private TokenAuthenticator auth;
    private KeyAccess keyAccess = KeyAccess.none();
    private final InboundApi chatCompletions = new ChatCompletionsApi();
    private InboundApi responses = new ResponsesApi(); // replaced by responseStore(...) before start
    private final InboundApi messages = new MessagesApi();
    private WebServer server;
    private Supplier<JsonNode> status = () -> JsonNodeFactory.instance.objectNode();
    private ApiOptions apiOptions = ApiOptions.DEFAULT;
    private Console console;
    private List<Webhook> webhooks = List.of();
    private EmbeddingsEndpoint.Embedder embedder;
    private CountTokensEndpoint.UpstreamCounter tokenCounter = CountTokensEndpoint.UpstreamCounter.NONE;
    private volatile ClientKeys clientKeys = ClientKeys.NONE; // swapped on reload
    private dev.clawgate.state.WindowCounters windowCounters = new dev.clawgate.state.memory.InMemoryWindowCounters();
    private java.util.function.BiPredicate<String, String> sameModel = (a, b) -> false;
    private java.time.Clock clock = java.time.Clock.systemUTC();

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
        this.guard = new ConnectionGuard(this::limits, metrics);
    }

    /** The limits in force now (they change on reload). */
    GatewaySettings.Limits limits() {
        return settings.limits();
    }

    /**
     * Applies a reloaded {@code gateway} section to the running server: the token, auth mode and every
     * limit take effect for the next request; the listen address and port cannot change without a restart,
     * and the log says so. Helidon's own transport header cap stays as started (see
     * {@link #transportHeaderCap}).
     */
    public synchronized void update(GatewaySettings next) {
        GatewaySettings current = settings;
        if (!next.host().equals(current.host()) || (next.port() != current.port() && current.port() != 0)) {
            LOG.warn("config reload: gateway listen address changed ({}:{} -> {}:{}); it applies after a restart",
                    current.host(), current.port(), next.host(), next.port());
        }
        GatewaySettings applied = new GatewaySettings(current.host(), current.port(), next.authMode(), next.token(),
                next.limits(), next.trustedProxy());
        if (server != null) {
            BindSafety.check(applied);
            auth.update(applied.authMode() == GatewaySettings.AuthMode.TOKEN ? applied.token() : null,
                    applied.limits().authFailuresPerMinute());
            auth.trustedProxy(applied.authMode() == GatewaySettings.AuthMode.TRUSTED_PROXY ? applied.trustedProxy() : null);
        }
        gate.resize(applied.limits().maxConcurrentCalls());
        settings = applied;
        if (!applied.limits().equals(current.limits()) || applied.authMode() != current.authMode()
                || !java.util.Objects.equals(applied.token(), current.token())) {
            LOG.info("config reload: gateway auth ({}) and limits applied", applied.authMode().name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * What {@code GET /clawgate/status} answers (behind the same auth as {@code /v1}): the runtime's live
     * state, such as cooldowns, for {@code clawgate models status}. Set before {@link #start()}.
     */
    public GatewayServer status(Supplier<JsonNode> source) {
        this.status = source;
        return this;
    }

    /** How answers are presented (reasoning, CORS). Set before {@link #start()}. */
    public GatewayServer apiOptions(ApiOptions options) {
        this.apiOptions = options;
        return this;
    }

    /**
     * The client keys ({@code gateway.auth.keys}) accepted besides the gateway token; callable at any time, a
     * reload's keys apply to the next request (a revoked key is refused at once).
     */
    public synchronized GatewayServer clientKeys(ClientKeys keys) {
        this.clientKeys = java.util.Objects.requireNonNull(keys);
        if (auth != null) {
            auth.keys(keys);
        }
        return this;
    }

    /**
     * Where the client keys' rate limits count (a shared engine makes them hold across instances), the
     * clock of their windows, and whether a requested model and an entry of a key's {@code models} name the
     * same model (a reference and its alias). Set before {@link #start()}.
     */
    public GatewayServer keyLimits(dev.clawgate.state.WindowCounters counters, java.time.Clock windowClock,
            java.util.function.BiPredicate<String, String> sameModelCheck) {
        this.windowCounters = java.util.Objects.requireNonNull(counters);
        this.clock = java.util.Objects.requireNonNull(windowClock);
        this.sameModel = java.util.Objects.requireNonNull(sameModelCheck);
        return this;
    }

    /** The Control UI and its API ({@code /clawgate/api/}), mounted beside the APIs. Set before {@link #start()}. */
    public GatewayServer console(Console ui) {
        this.console = ui;
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

    /** Serves {@code POST /v1/embeddings} with this router. Set before {@link #start()}; unset, the path is a 404. */
    public GatewayServer embeddings(java.util.function.BiFunction<dev.clawgate.wire.EmbeddingRequest,
            dev.clawgate.routing.RouteOptions, dev.clawgate.routing.EmbeddingsRouter.Routed> router) {
        this.embedder = router::apply;
        return this;
    }

    /** Lets {@code count_tokens} ask the upstream (model, Messages request: its count, or empty to estimate). */
    GatewayServer tokenCounter(CountTokensEndpoint.UpstreamCounter counter) {
        this.tokenCounter = counter;
        return this;
    }

    /**
     * Keeps Responses API answers for {@code previous_response_id} and {@code GET}/{@code DELETE
     * /v1/responses/{id}}. Set before {@link #start()}; unset, {@code previous_response_id} is refused.
     */
    public GatewayServer responseStore(dev.clawgate.gateway.openai.ResponseStore store) {
        this.responses = new ResponsesApi(store);
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
        auth = new TokenAuthenticator(
                settings.authMode() == GatewaySettings.AuthMode.TOKEN ? settings.token() : null,
                limits.authFailuresPerMinute());
        auth.trustedProxy(settings.authMode() == GatewaySettings.AuthMode.TRUSTED_PROXY ? settings.trustedProxy() : null);
        auth.keys(clientKeys);
        keyAccess = new KeyAccess(() -> clientKeys, windowCounters, clock, sameModel);
        Http1Config http1 = Http1Config.builder().maxHeadersSize(transportHeaderCap(limits))
                .addReceiveListener(guard.prologueListener()).build();
        try {
            server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownGracePeriod(Duration.ofMillis(500))
                    // TCP_NODELAY: Helidon leaves Nagle on, so each SSE event written while the previous one is
                    // unacknowledged waited for the client's delayed ACK (~40 ms on Linux) before leaving.
                    .connectionOptions(guard.socketOptions(io.helidon.common.socket.SocketOptions.builder()
                            .tcpNoDelay(true).build()))
                    // ConnectionGuard times idle connections out; Helidon's own sweep (default 5 min) stays
                    // above any configurable value so that it never cuts in first
                    .idleConnectionTimeout(Duration.ofHours(2))
                    .addProtocol(http1)
                    // the same HTTP/1.1, registering each connection so a handler can notice its client leave
                    .addConnectionSelector(connections.http1(http1))
                    .directHandlers(earlyErrors(limits))
                    .routing(r -> routes(r, auth))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            throw new GatewayStartException("Could not listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        if (!server.isRunning()) { // Helidon logs a listener that cannot bind and stops, without throwing
            throw new GatewayStartException("Could not listen on " + settings.host() + ":" + settings.port()
                    + ": the address is in use or not available here. Stop what listens there, or choose another"
                    + " port (gateway.port, or --port)");
        }
        guard.start();
        LOG.debug("gateway listening on http://{}:{} (auth {})", settings.host(), server.port(),
                settings.authMode().name().toLowerCase(Locale.ROOT));
        return server.port();
    }

    private void routes(HttpRouting.Builder r, TokenAuthenticator auth) {
        ModelsEndpoint models = new ModelsEndpoint(directory, chatCompletions, messages, keyAccess);
        Console ui = console;
        java.util.Set<String> webhookPaths = webhooks.stream().map(Webhook::path)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        r.addFilter(guard.filter(this::apiForPath))
                .addFilter(new CorsFilter(apiOptions.corsAllowedOrigins(), this::apiForPath))
                .addFilter(new GatewayFilter(auth, metrics, this::apiForPath, () -> limits().maxHeaderBytes(),
                        path -> (ui != null && ui.isPublic(path)) || webhookPaths.contains(path)));
        WebhookRoutes.mount(r, webhooks);
        r.post(CountTokensEndpoint.PATH, new CountTokensEndpoint(messages, settings.limits(), tokenCounter, keyAccess))
                .post("/v1/chat/completions", endpoint(chatCompletions))
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
        dev.clawgate.gateway.openai.ResponseStore stored = ((ResponsesApi) responses).store();
        if (stored != null) {
            StoredResponsesEndpoint byId = new StoredResponsesEndpoint(stored, responses);
            r.get(StoredResponsesEndpoint.PREFIX + "*", byId::get).delete(StoredResponsesEndpoint.PREFIX + "*", byId::delete);
        }
        if (embedder != null) {
            r.post(EmbeddingsEndpoint.PATH, new EmbeddingsEndpoint(embedder, chatCompletions, metrics, this::limits, keyAccess));
        }
        if (ui != null) {
            ui.routes(r);
        }
        r.any(new UnroutedRequests(this::apiForPath)
                .allow("/v1/chat/completions", "POST").allow("/v1/responses", "POST").allow("/v1/messages", "POST")
                .allow(CountTokensEndpoint.PATH, "POST").allow("/v1/models", "GET").allow(ModelsEndpoint.PREFIX, "GET")
                .allow("/health", "GET").allow("/ready", "GET").allow("/clawgate/status", "GET").allow("/metrics", "GET")
                .allow(EmbeddingsEndpoint.PATH, "POST").allow(StoredResponsesEndpoint.PREFIX, "GET, DELETE"));
    }

    /**
     * Helidon's own header cap sits above the configured limit, so that requests between the two reach
     * {@link GatewayFilter} and get a 431 naming the limit; Helidon answers the (rare) larger ones with 400.
     */
    private static int transportHeaderCap(GatewaySettings.Limits limits) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4L * limits.maxHeaderBytes(), 64 * 1024));
    }

    private DirectHandlers earlyErrors(GatewaySettings.Limits limits) {
        EarlyErrorHandler handler = new EarlyErrorHandler(() -> limits().maxHeaderBytes(), metrics, this::apiForPath);
        return DirectHandlers.builder().addHandler(DirectHandler.EventType.BAD_REQUEST, handler).build();
    }

    private ChatEndpoint endpoint(InboundApi api) {
        return new ChatEndpoint(api, router, metrics, gate, this::limits, connections, apiOptions, keyAccess);
    }

    /** True once a stop began draining: new model calls get 503. */
    boolean draining() {
        return gate.draining();
    }

    /** Anthropic's error shape on its path, OpenAI's everywhere else. */
    InboundApi apiForPath(String path) {
        return path != null && path.startsWith("/v1/messages") ? messages : chatCompletions;
    }

    /** The bound port; valid after {@link #start()}. */
    public int port() {
        return server.port();
    }

    /** Connections open now; for tests and the abuse bench. */
    public int openConnections() {
        return guard.openConnections();
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
        if (console != null) {
            console.close();
        }
        gate.startDraining();
        if (!gate.awaitIdleQuietly(grace)) {
            LOG.warn("gateway stop: calls still open after {} ms; closing their upstreams", grace.toMillis());
            gate.closeAll();
            gate.awaitIdleQuietly(Duration.ofSeconds(2));
        }
        s.stop();
        guard.close();
        LOG.info("gateway stopped");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
