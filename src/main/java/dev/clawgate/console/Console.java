package dev.clawgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.AgentSpec;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.ledger.Dataflow;
import dev.clawgate.ledger.LedgerStore;
import dev.clawgate.routing.FailoverRouter;
import dev.clawgate.wire.Usage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Control UI and its API, mounted by the gateway: {@link #routes} adds them, {@link #isPublic} tells the
 * gateway's auth filter which paths are the page shell (no data, no token). Every {@code /clawgate/api/}
 * call is behind the gateway's token like {@code /v1}; see docs/control-ui.md for the endpoints.
 */
public final class Console implements AutoCloseable {

    public static final String API = "/clawgate/api/";

    /**
     * What the console reads. Suppliers, so that a config reload shows at once.
     *
     * @param agents the agent runtime, built on first use
     * @param openStreams model streams open right now
     * @param abortTurn aborts the turn running on a session key; false when none was running
     */
    public record Sources(Supplier<LoadedConfig> config, Supplier<ModelCatalog> catalog, FailoverRouter router,
            Supplier<AgentRuntime> agents, IntSupplier openStreams, Predicate<String> abortTurn, Clock clock) {}

    private final GatewayConfig.ControlUi settings;
    private final Sources sources;
    private final String basePath;
    private final StaticAssets assets;
    private final DecisionFeed feed;
    private final ModelBoard board;
    private final ChatTurns chat;
    private final EventFeedEndpoint events;
    private final OriginCheck origins;
    private final DirectCalls directCalls = new DirectCalls();
    private volatile PairingAdmin pairing = PairingAdmin.NONE;
    private volatile LedgerStore ledger;

    public Console(GatewayConfig.ControlUi settings, Sources sources) {
        this.settings = settings;
        this.sources = sources;
        this.basePath = settings.basePath().endsWith("/") ? settings.basePath() : settings.basePath() + "/";
        this.assets = settings.enabled() ? new StaticAssets(basePath) : null;
        this.feed = new DecisionFeed(sources.clock());
        sources.router().addListener(feed);
        this.board = new ModelBoard(sources.catalog(), sources.router().cooldowns(), feed, sources.openStreams(),
                sources.clock());
        this.chat = new ChatTurns(sources.agents(), sources.abortTurn());
        this.events = new EventFeedEndpoint(feed, board);
        this.origins = new OriginCheck(settings.allowedOrigins());
    }

    /** Shows every instance's routing decisions: publishes this one's on {@code events} and reads the others'. */
    public Console shareFeed(dev.clawgate.state.EventFeed events) {
        feed.share(events);
        return this;
    }

    private java.util.function.Supplier<JsonNode> budgets = () -> {
        com.fasterxml.jackson.databind.node.ObjectNode none = ConsoleJson.object();
        none.putArray("budgets");
        return none;
    };

    /** The chat channels' pairing requests, once the gateway has started them. */
    public Console pairing(PairingAdmin admin) {
        this.pairing = admin != null ? admin : PairingAdmin.NONE;
        return this;
    }

    /** The data-flow ledger {@code /clawgate/api/dataflow} summarises. */
    public Console dataflow(LedgerStore store) {
        this.ledger = store;
        return this;
    }

    /**
     * The spending budgets as {@code GET /clawgate/api/budgets} shows them ({@code {budgets: [{scope, period,
     * limitUsd, spentUsd, reservedUsd, resetsAt}]}}); the usage page warns from 80 % of a limit.
     */
    public Console budgets(java.util.function.Supplier<JsonNode> source) {
        this.budgets = source;
        return this;
    }

    /** Counts a call answered straight through an inbound API (not an agent turn) on the usage page. */
    public void directCall(String modelRef, Usage usage, double costUsd) {
        directCalls.add(new UsageRecord(modelRef, usage, costUsd, 0, false, null, sources.clock().instant()));
    }

    /** True for the page shell and its static files: they hold no data and load without a token. */
    public boolean isPublic(String path) {
        return assets != null && (assets.get(path).isPresent() || path.equals(basePath.substring(0, basePath.length() - 1)));
    }

    public void routes(HttpRouting.Builder r) {
        if (!settings.enabled()) {
            return;
        }
        if (basePath.length() > 1) {
            r.get(basePath.substring(0, basePath.length() - 1), (req, res) -> {
                res.status(Status.MOVED_PERMANENTLY_301);
                res.header(HeaderNames.LOCATION, basePath);
                res.send();
            });
        }
        assets.all().forEach((path, asset) -> r.get(path, (req, res) -> {
            UiHeaders.page(res);
            res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
            res.send(asset.bytes());
        }));
        r.get(API + "overview", api((req, res) -> json(res, board.overview())))
                .get(API + "events", api(events::stream))
                .get(API + "decisions", api((req, res) -> json(res, decisions())))
                .get(API + "budgets", api((req, res) -> json(res, budgets.get())))
                .get(API + "usage", api((req, res) -> json(res, UsageReport.build(agents().store(),
                        directCalls.all(), sources.catalog().get(), sources.clock(), Duration.ofHours(hours(req))))))
                .get(API + "dataflow", api(this::dataflow))
                .get(API + "agents", api((req, res) -> json(res, agentList())))
                .get(API + "sessions", api((req, res) -> json(res, SessionsView.list(agents().store(),
                        req.query().first("agent").orElse(null)))))
                .get(API + "session", api((req, res) -> json(res, SessionsView.transcript(agents().store(),
                        requiredKey(req)))))
                .get(API + "session/export", api(this::export))
                .post(API + "chat", api(this::chat))
                .post(API + "chat/stop", api((req, res) -> {
                    String key = ApiRequests.body(req).path("session").asText("");
                    json(res, ConsoleJson.object().put("stopped", !key.isBlank() && chat.stop(key)));
                }))
                .get(API + "config", api((req, res) -> json(res, ConfigReport.config(sources.config().get(),
                        sources.catalog().get()))))
                .post(API + "doctor", api((req, res) -> json(res, ConfigReport.doctor(sources.config().get(),
                        sources.catalog().get()))))
                .get(API + "pairing", api((req, res) -> json(res, PairingView.list(pairing, sources.clock().instant()))))
                .post(API + "pairing/approve", api((req, res) -> json(res, PairingView.decide(pairing,
                        ApiRequests.body(req), true, sources.clock().instant()))))
                .post(API + "pairing/deny", api((req, res) -> json(res, PairingView.decide(pairing,
                        ApiRequests.body(req), false, sources.clock().instant()))));
    }

    /** Ends the live event streams, so that the server can stop without waiting for them. */
    @Override
    public void close() {
        events.close();
    }

    private Handler api(Handler h) {
        return (req, res) -> {
            UiHeaders.api(res);
            try {
                origins.check(req, !"token".equals(sources.config().get().config().gateway().auth().mode()));
                h.handle(req, res);
            } catch (ConsoleApiException e) {
                res.status(Status.create(e.status()));
                json(res, ConsoleJson.object().set("error", ConsoleJson.object().put("message", e.getMessage())));
            }
        };
    }

    private void chat(ServerRequest req, ServerResponse res) {
        ChatTurns.Target target = chat.target(ApiRequests.body(req));
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        try (var out = res.outputStream()) {
            chat.run(target, new EventWriter(out));
        } catch (IOException | RuntimeException e) {
            // the page went away; the turn itself completed (or failed) and is stored either way
        }
    }

    private void export(ServerRequest req, ServerResponse res) {
        String key = requiredKey(req);
        AgentRuntime rt = agents();
        if (rt.store().findSession(key).isEmpty()) {
            throw new ConsoleApiException(404, "no session '" + key + "'");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
        try (Writer w = new OutputStreamWriter(res.outputStream(), StandardCharsets.UTF_8)) {
            rt.store().exportJsonl(key, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode decisions() {
        var out = ConsoleJson.array();
        feed.lastHour().reversed().stream().limit(500).forEach(d -> out.add(ConsoleJson.decision(d)));
        return out;
    }

    private JsonNode agentList() {
        var root = ConsoleJson.object();
        var list = root.putArray("agents");
        AgentRuntime rt = agents();
        root.put("default", rt.agents().defaultAgent().id());
        for (String id : rt.agents().ids()) {
            AgentSpec a = rt.agents().get(id);
            var o = list.addObject().put("id", a.id()).put("default", a.isDefault());
            var chain = o.putArray("chain");
            a.chain().forEach(m -> chain.add(m.ref()));
        }
        var commands = root.putArray("commands");
        dev.clawgate.agent.ChatCommand.NAMES.forEach(n -> commands.add("/" + n));
        return root;
    }

    private AgentRuntime agents() {
        return sources.agents().get();
    }

    private static String requiredKey(ServerRequest req) {
        String key = req.query().first("key").orElse("");
        if (key.isBlank()) {
            throw new ConsoleApiException(400, "query parameter 'key' (the session key) is required");
        }
        return key;
    }

    /** {@code ?since=24h}: one object per destination, as {@code clawgate dataflow --json} prints. */
    private void dataflow(ServerRequest req, ServerResponse res) {
        Duration since;
        try {
            since = Dataflow.parseSince(req.query().first("since").orElse("24h"));
        } catch (IllegalArgumentException e) {
            throw new ConsoleApiException(400, e.getMessage());
        }
        LedgerStore store = ledger;
        json(res, store == null ? ConsoleJson.array()
                : Dataflow.json(store.dataflow(sources.clock().instant().minus(since))));
    }

    private static long hours(ServerRequest req) {
        String h = req.query().first("hours").orElse("24");
        try {
            long v = Long.parseLong(h);
            if (v >= 1 && v <= 24 * 90) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ConsoleApiException(400, "'hours' must be a whole number from 1 to 2160, got '" + h + "'");
    }

    private static void json(ServerResponse res, JsonNode body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString());
    }
}
