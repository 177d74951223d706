package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.AgentDirectory;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.AgentTools;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.catalog.CatalogValidator;
import dev.clawgate.channel.ChannelRuntime;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.ConfigException;
import dev.clawgate.agent.AgentTarget;
import dev.clawgate.console.Console;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.config.ConfigWatcher;
import dev.clawgate.config.Environment;
import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.config.SecretResolver;
import dev.clawgate.routing.CooldownState;
import dev.clawgate.routing.CooldownTracker;
import dev.clawgate.routing.FailoverRouter;
import dev.clawgate.routing.KeepWarmScheduler;
import dev.clawgate.routing.LocalModelState;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.routing.PrivacyPolicy;
import dev.clawgate.routing.RouterStack;
import io.micrometer.core.instrument.Gauge;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway, assembled from a configuration: catalog -> chain resolver -> failover router ->
 * upstream adapters over one HTTP transport, served by {@link GatewayServer}; plus keep-warm pings and hot
 * reload. A reload swaps the catalog for new requests; the router, its cooldown state and open streams stay.
 */
public final class GatewayRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

    /** Command-line overrides of the {@code gateway} section; null fields keep the config's value. */
    public record Overrides(Integer port, String bind, Path stateDir) {
        public static final Overrides NONE = new Overrides(null, null);

        public Overrides(Integer port, String bind) {
            this(port, bind, null);
        }
    }

    private final Environment env;
    private final AtomicReference<ModelCatalog> catalog = new AtomicReference<>();
    private final AtomicReference<LoadedConfig> config = new AtomicReference<>();
    private final AtomicReference<AgentDirectory> agents = new AtomicReference<>();
    private final RouterStack stack;
    private final FailoverRouter router;
    private final AgentTargetRouter targets;
    private final dev.clawgate.state.SqlDatabases databases;
    private JdbcSessionStore sessions;
    private dev.clawgate.agent.store.JdbcResponseStore responseRows;
    private AgentRuntime agentRuntime;
    private final GatewayServer server;
    private final HttpClient keepWarmClient;
    private final Clock clock;
    private final Overrides overrides;
    private KeepWarmScheduler keepWarm;
    private final ChainReadiness readiness;
    private ConfigWatcher watcher;
    private StateDirectoryLock stateLock;
    private final ChannelRuntime channels;
    private final dev.clawgate.budget.SpendStore spendStore;
    private final dev.clawgate.budget.Budgets budgets;
    private final dev.clawgate.ledger.LedgerWriter ledger;
    private final dev.clawgate.state.StateEngines state;
    private final String bindHost;

    private GatewayRuntime(Environment env, LoadedConfig loaded, ModelCatalog initial, Overrides overrides, Clock clock) {
        this.env = env;
        this.clock = clock;
        this.overrides = overrides;
        this.config.set(loaded);
        this.catalog.set(initial);
        this.agents.set(new AgentDirectory(loaded.config().agents(), initial, env));
        this.databases = StateEngine.open(loaded.config().state(),
                StateDirectory.sessionDatabase(env, overrides.stateDir()).getParent());
        // settled spend survives a restart in the state database; reservations are in memory (or Redis)
        this.spendStore = new LazySpendStore(() -> dev.clawgate.budget.JdbcSpendStore.open(databases));
        // state.redis: cooldowns, reservations, turn locks and the event feed shared by instances; else in-process
        this.bindHost = settings(loaded.config().gateway(), overrides).host();
        this.state = SharedStateWiring.open(loaded.config().state(), this::address, clock);
        this.budgets = new dev.clawgate.budget.Budgets(() -> config.get().config(), spendStore, clock,
                state.reservations());
        // every upstream contact goes to the state database's ledger, written off the request path
        this.ledger = new dev.clawgate.ledger.LedgerWriter(dev.clawgate.ledger.JdbcLedgerStore.open(databases),
                clock, Duration.ofDays(loaded.config().state().ledgerDaysOrDefault()));
        this.stack = RouterStack.open(catalog::get, clock, budgets, ledger);
        this.router = stack.router();
        router.cooldowns().share(state.cooldowns());
        // agents.defaults.privacy (local-only, regions) holds for every API call; read per call so a reload applies it
        ModelRouter privacyAware = (request, options) -> router.open(request,
                PrivacyPolicy.apply(options, config.get().config().agents().defaults().privacy()));
        this.targets = new AgentTargetRouter(privacyAware, agents::get, this::agentRuntime);
        this.server = new GatewayServer(settings(loaded.config().gateway(), overrides), targets,
                new CatalogModelDirectory(catalog::get, targets::targets), this::readiness).status(this::status)
                .apiOptions(ApiOptions.from(loaded.config().gateway().api()));
        server.responseStore(new StateDbResponseStore(this::responseRows));
        // client keys: their tokens resolved now (a reload resolves them again); rate limits count on the state port
        server.clientKeys(ClientKeys.resolve(loaded.config().gateway().auth().keys(), env))
                .keyLimits(state.windowCounters(), clock, this::sameModel);
        server.tokenCounter((model, request, options) -> stack.tokenCounts().count(model, request,
                PrivacyPolicy.apply(options, config.get().config().agents().defaults().privacy())));
        server.embeddings((request, options) -> stack.embeddings().embed(request,
                PrivacyPolicy.apply(options, config.get().config().agents().defaults().privacy())));
        Console console = new Console(loaded.config().gateway().controlUi(), new Console.Sources(config::get, catalog::get,
                router, this::agentRuntime, server.metrics()::openStreams, sessionKey -> agentRuntime().abort(sessionKey), clock));
        server.console(console.dataflow(ledger.store()).shareFeed(state.events()));
        ledger.addListener(server.metrics()::upstreamContact);
        SharedStateWiring.registerGauge(state, server.metrics().registry());
        new BudgetGauges(server.metrics(), budgets::status);
        console.budgets(this::budgetsJson);
        // agent turns are in the session ledger already; the agent target's own answer would count them twice
        server.metrics().observeUsage((requestedModel, model, usage, usd) -> {
            if (AgentTarget.parse(requestedModel).isEmpty()) {
                console.directCall(model.ref(), usage, usd);
            }
        });
        this.channels = ChannelWiring.build(loaded.config().channels(), env, databases, this::agentRuntime, this::abortTurn,
                dev.clawgate.routing.Sleeper.REAL, clock);
        if (channels != null) {
            console.pairing(ChannelWiring.pairingAdmin(channels));
            server.webhooks(channels.webhooks());
            for (dev.clawgate.channel.Channel c : channels.channels()) {
                Gauge.builder("clawgate.channel.up", () -> ChannelWiring.up(c.health())).tag("channel", c.id())
                        .description("1 while the chat channel is connected, 0 while it is down or off")
                        .register(server.metrics().registry());
            }
        }
        Gauge.builder("clawgate.router.cooldowns", () -> activeCooldowns(clock.instant()).size())
                .description("Models and providers cooling down after failures (skipped until they recover)")
                .register(server.metrics().registry());
        this.keepWarmClient = LocalModelState.defaultClient(Duration.ofSeconds(5));
        this.readiness = new ChainReadiness(catalog::get, this::coolingDown, keepWarmClient);
    }

    /**
     * Loads the configuration, builds everything and starts serving.
     *
     * @throws ConfigException when the configuration (or a model reference in it) is invalid
     * @throws GatewayStartException when the gateway cannot bind, or would bind publicly without auth
     */
    public static GatewayRuntime start(Environment env, Path explicitConfig, Overrides overrides, Clock clock) {
        ConfigLoader loader = new ConfigLoader(env);
        LoadedConfig loaded = loader.load(loader.locate(explicitConfig));
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), env);
        List<ConfigProblem> errors = errors(loaded, catalog);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        // one gateway per state directory: a second one refuses here, naming the first's pid and port
        StateDirectoryLock stateLock = StateDirectoryLock.acquire(StateDirectory.sessionDatabase(env, overrides.stateDir()).getParent());
        GatewayRuntime runtime;
        try {
            runtime = new GatewayRuntime(env, loaded, catalog, overrides, clock);
            runtime.stateLock = stateLock;
            runtime.migrateState();
            runtime.server.start();
        } catch (RuntimeException e) {
            stateLock.close();
            throw e;
        }
        stateLock.recordPort(runtime.port());
        runtime.readiness.start();
        if (runtime.channels != null) {
            runtime.channels.start();
        }
        runtime.restartKeepWarm(catalog);
        runtime.watcher = new ConfigWatcher(loader, loaded, runtime::apply, GatewayRuntime::logRejected,
                Duration.ofSeconds(1)).start();
        return runtime;
    }

    public int port() {
        return server.port();
    }

    public ModelCatalog catalog() {
        return catalog.get();
    }

    public LoadedConfig config() {
        return config.get();
    }

    public FailoverRouter router() {
        return router;
    }

    public GatewayServer server() {
        return server;
    }

    /** The state engines (in-process, or shared through {@code state.redis}): counters for rate limits live here. */
    public dev.clawgate.state.StateEngines state() {
        return state;
    }

    /** {@code host:port} this instance serves on, for the cluster view (null until the server exists). */
    private String address() {
        GatewayServer s = server;
        try {
            return s == null ? null : bindHost + ":" + s.port();
        } catch (RuntimeException notStarted) {
            return null;
        }
    }

    /** Checks the config files now instead of waiting for the next poll; true when a change was applied. */
    public boolean reloadNow() {
        return watcher.checkNow();
    }

    /** Stops accepting, lets open streams finish for up to {@code grace}, then closes everything. */
    public void stop(Duration grace) {
        watcher.close();
        readiness.close();
        if (channels != null) {
            channels.close();
        }
        server.stop(grace);
        synchronized (this) {
            if (keepWarm != null) {
                keepWarm.close();
            }
            if (sessions != null) {
                sessions.close();
            }
        }
        stack.close();
        ledger.close(); // after the router: what the last streams recorded is written before it returns
        state.close();
        spendStore.close();
        databases.close();
        if (stateLock != null) {
            stateLock.close();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private List<ConfigProblem> apply(LoadedConfig next) {
        ModelCatalog nextCatalog = ModelCatalog.build(next.config(), env);
        List<ConfigProblem> errors = errors(next, nextCatalog);
        if (!errors.isEmpty()) {
            return errors;
        }
        if (!next.config().gateway().equals(config.get().config().gateway())) {
            try { // auth, client keys and limits apply now; a new listen address is logged as needing a restart
                ClientKeys keys = ClientKeys.resolve(next.config().gateway().auth().keys(), env);
                server.update(settings(next.config().gateway(), overrides));
                server.clientKeys(keys);
            } catch (GatewayStartException unsafe) {
                return List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, next.location().path() == null ? null
                        : next.location().path().toString(), 0, 0, "gateway.auth", unsafe.getMessage(), null));
            }
        }
        if (!next.config().state().equals(config.get().config().state())) {
            LOG.warn("state.redis changed in {}: the instance keeps its current state engine until it restarts",
                    next.location().path());
        }
        ChannelReload.apply(channels, config.get().config().channels(), next.config().channels());
        config.set(next);
        catalog.set(nextCatalog);
        agents.set(new AgentDirectory(next.config().agents(), nextCatalog, env));
        restartKeepWarm(nextCatalog);
        readiness.probeSoon();
        LOG.info("config reloaded from {}: default chain {}", next.location().path(), chainText(nextCatalog));
        return List.of();
    }

    private synchronized void restartKeepWarm(ModelCatalog c) {
        if (keepWarm != null) {
            keepWarm.close();
        }
        keepWarm = new KeepWarmScheduler(KeepWarmScheduler.standard(keepWarmClient, stack.adapters()::forApi));
        keepWarm.start(c.modelsInUse());
    }

    private static List<ConfigProblem> errors(LoadedConfig loaded, ModelCatalog catalog) {
        return CatalogValidator.problems(loaded.config(), catalog, loaded.sources()).stream()
                .filter(p -> p.severity() == ConfigProblem.Severity.ERROR).toList();
    }

    private static void logRejected(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder("config reload skipped (invalid config); keeping the last good one:");
        problems.forEach(p -> sb.append("\n  ").append(p.format()));
        LOG.error(sb.toString());
    }

    /**
     * The agent runtime behind {@code model: "clawgate[/<id>]"}, built on first use so that a gateway serving
     * only models never opens the session database.
     */
    private synchronized AgentRuntime agentRuntime() {
        if (agentRuntime == null) {
            if (sessions == null) { // the response store may have opened it
                sessions = JdbcSessionStore.open(databases);
            }
            agentRuntime = AgentRuntime.builder(agents::get, targets.routerForAgents(), sessions)
                    .tools(AgentTools.standard()).clock(clock).turnLocks(state.turnLocks()).build();
        }
        return agentRuntime;
    }

    /** The stored Responses answers, in the session database (opened on first use, as for agents). */
    private synchronized dev.clawgate.agent.store.JdbcResponseStore responseRows() {
        if (responseRows == null) {
            if (sessions == null) {
                sessions = JdbcSessionStore.open(databases);
            }
            responseRows = new dev.clawgate.agent.store.JdbcResponseStore(sessions, clock);
        }
        return responseRows;
    }

    /**
     * Brings every schema of the state database up to date before serving (instances starting together take
     * turns on PostgreSQL's advisory lock). A database that is down does not stop the gateway: proxy calls need
     * none, and each store migrates on first use once the database is back.
     */
    private void migrateState() {
        for (dev.clawgate.state.SqlSchema schema : StateEngine.SCHEMAS) {
            try {
                databases.open(schema);
            } catch (dev.clawgate.state.StateDatabaseException e) {
                LOG.warn("{}; serving proxy calls, agent turns fail until the state database is back", e.getMessage());
                return;
            }
        }
    }

    /** Aborts the running turn of a chat's session ({@code /stop}); true when one was running. */
    private boolean abortTurn(String sessionKey) {
        return agentRuntime().abort(sessionKey);
    }

    /** The chat channels, or null when none is enabled. */
    public ChannelRuntime channels() {
        return channels;
    }

    private List<CooldownState> activeCooldowns(Instant now) {
        return router.cooldowns().snapshot().stream().filter(c -> c.until().isAfter(now)).toList();
    }

    /** {@code GET /clawgate/status}: the live state a separate {@code clawgate models status} cannot see. */
    private JsonNode status() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        LoadedConfig c = config.get();
        root.put("config", c.location().path() == null ? "built-in default" : c.location().path().toString());
        root.put("defaultChain", chainText(catalog.get()));
        dev.clawgate.catalog.DataPolicy privacy = dev.clawgate.catalog.DataPolicy.of(c.config().agents().defaults().privacy());
        root.put("privacy", privacy.restricts() ? privacy.describe() : null);
        ReadinessCheck.Result ready = readiness.check(); // the detail /ready itself keeps from unauthenticated callers
        root.putObject("readiness").put("ready", ready.ready()).put("detail", ready.detail());
        ArrayNode cooling = root.putArray("cooldowns");
        Instant now = clock.instant();
        for (CooldownState s : router.cooldowns().snapshot()) {
            cooling.addObject().put("key", s.key()).put("reason", s.reason() == null ? null : s.reason().label())
                    .put("until", s.until().toString())
                    .put("remainingSeconds", Math.max(0, Duration.between(now, s.until()).toSeconds()))
                    .put("failures", s.failures()).put("probing", s.probing());
        }
        SharedStateWiring.status(state.cluster(), root);
        root.set("budgets", budgetsJson().get("budgets"));
        if (channels != null) {
            ArrayNode list = root.putArray("channels");
            for (dev.clawgate.channel.ChannelHealth h : channels.health()) {
                list.addObject().put("channel", h.channel()).put("state", h.state()).put("reason", h.reason())
                        .put("since", h.since().toString()).put("identity", h.identity());
            }
        }
        return root;
    }

    /** Whether two names (references or aliases) resolve to the same catalog model: a key's {@code models}. */
    private boolean sameModel(String requested, String allowed) {
        ModelCatalog c = catalog.get();
        return c.tryResolve(requested).flatMap(a -> c.tryResolve(allowed).map(b -> a.ref().equals(b.ref())))
                .orElse(false);
    }

    /** {@code {budgets: [{scope, period, limitUsd, spentUsd, reservedUsd, resetsAt}]}}: status and Control UI. */
    private ObjectNode budgetsJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("budgets");
        budgets.status().forEach(b -> list.add(b.toJson()));
        return root;
    }

    /** {@link ChainReadiness}: some model of the default chain has a credential, is not cooling and answers. */
    private ReadinessCheck.Result readiness() {
        return readiness.check();
    }

    private boolean coolingDown(ModelSpec m) {
        Instant now = clock.instant();
        return router.cooldowns().state(CooldownTracker.modelKey(m)).map(s -> s.until().isAfter(now)).orElse(false)
                || router.cooldowns().state(CooldownTracker.providerKey(m.provider().id()))
                        .map(s -> s.until().isAfter(now)).orElse(false);
    }

    private GatewaySettings settings(GatewayConfig gateway, Overrides overrides) {
        String token = GatewayAuthModes.secret(gateway.auth()) == null ? null
                : SecretResolver.resolve(GatewayAuthModes.secret(gateway.auth()), env).orElse(null);
        GatewaySettings settings = GatewaySettings.from(gateway, token);
        if (overrides.port() != null) {
            settings = new GatewaySettings(settings.host(), overrides.port(), settings.authMode(), token, settings.limits(),
                    settings.trustedProxy());
        }
        if (overrides.bind() != null) {
            settings = settings.withHost(switch (overrides.bind()) {
                case "loopback" -> "127.0.0.1";
                case "lan" -> "0.0.0.0";
                default -> overrides.bind();
            });
        }
        return settings;
    }

    /** {@code a -> b -> c}, for start-up and reload lines. */
    public static String chainText(ModelCatalog c) {
        return String.join(" -> ", c.defaultChain().stream().map(ModelSpec::ref).toList());
    }
}
