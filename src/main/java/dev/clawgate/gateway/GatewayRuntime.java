package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.agent.AgentDirectory;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.AgentTools;
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
import dev.clawgate.config.LoadedConfig;
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
    private final GatewayState stores;
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
        GatewaySettings settings = GatewaySettings.from(loaded.config().gateway(), env, overrides.port(), overrides.bind());
        this.bindHost = settings.host();
        GatewayState opened = GatewayState.open(loaded.config().state(),
                StateDirectory.sessionDatabase(env, overrides.stateDir()).getParent(), this::address, clock);
        RouterStack routers = null;
        try { // a failure below closes what is open already: a Redis client's threads would keep the JVM alive
            this.stores = opened;
            this.state = opened.engines();
            this.ledger = opened.ledger();
            this.budgets = new dev.clawgate.budget.Budgets(() -> config.get().config(), opened.spend(), clock,
                    state.reservations());
            this.stack = routers = RouterStack.open(catalog::get, clock, budgets, ledger);
            this.router = stack.router();
            router.cooldowns().share(state.cooldowns());
            // agents.defaults.privacy (local-only, regions) holds for every API call; read per call so a reload applies it
            ModelRouter privacyAware = (request, options) -> router.open(request,
                    PrivacyPolicy.apply(options, config.get().config().agents().defaults().privacy()));
            this.targets = new AgentTargetRouter(privacyAware, agents::get, this::agentRuntime);
            this.server = new GatewayServer(settings, targets,
                    new CatalogModelDirectory(catalog::get, targets::targets), this::readiness).status(this::status)
                    .apiOptions(ApiOptions.from(loaded.config().gateway().api()));
            server.responseStore(new StateDbResponseStore(stores::responses));
            // client keys: their tokens resolved now (a reload resolves them again); rate limits count on the state port
            server.clientKeys(ClientKeys.resolve(loaded.config().gateway().auth().keys(), env))
                    .keyLimits(state.windowCounters(), clock, this::sameModel);
            server.tokenCounter((model, request, options) -> stack.tokenCounts().count(model, request,
                    PrivacyPolicy.apply(options, config.get().config().agents().defaults().privacy())));
            server.embeddings((request, options) -> stack.embeddings().embed(request,
                    PrivacyPolicy.apply(options, config.get().config().agents().defaults().privacy())));
            Console console = new Console(loaded.config().gateway().controlUi(), new Console.Sources(config::get,
                    catalog::get, router, this::agentRuntime, server.metrics()::openStreams,
                    sessionKey -> agentRuntime().abort(sessionKey), clock));
            server.console(console.dataflow(ledger.store()).shareFeed(state.events()));
            ledger.addListener(server.metrics()::upstreamContact);
            SharedStateWiring.registerGauge(state, server.metrics().registry());
            new BudgetGauges(server.metrics(), budgets::status);
            console.budgets(() -> GatewayStatus.budgets(budgets.status()));
            // agent turns are in the session ledger already; the agent target's own answer would count them twice
            server.metrics().observeUsage((requestedModel, model, usage, usd) -> {
                if (AgentTarget.parse(requestedModel).isEmpty()) {
                    console.directCall(model.ref(), usage, usd);
                }
            });
            this.channels = ChannelWiring.build(loaded.config().channels(), env, opened.databases(), this::agentRuntime,
                    this::abortTurn, dev.clawgate.routing.Sleeper.REAL, clock);
            if (channels != null) {
                console.pairing(ChannelWiring.pairingAdmin(channels));
                server.webhooks(channels.webhooks());
                ChannelWiring.registerGauges(channels, server.metrics().registry());
            }
            Gauge.builder("clawgate.router.cooldowns", () -> router.cooldowns().snapshot().stream()
                            .filter(c -> c.until().isAfter(clock.instant())).count())
                    .description("Models and providers cooling down after failures (skipped until they recover)")
                    .register(server.metrics().registry());
            this.keepWarmClient = LocalModelState.defaultClient(Duration.ofSeconds(5));
            this.readiness = new ChainReadiness(catalog::get, ChainReadiness.coolingIn(router.cooldowns(), clock),
                    keepWarmClient);
        } catch (RuntimeException e) {
            throw GatewayState.closeAfter(e, routers, opened);
        }
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
        } catch (RuntimeException e) {
            throw GatewayState.closeAfter(e, stateLock);
        }
        try {
            runtime.stateLock = stateLock;
            runtime.stores.migrate();
            runtime.server.start();
        } catch (RuntimeException e) { // nothing is started yet: the router's transport and the state to close
            throw GatewayState.closeAfter(e, runtime.stack, runtime.stores, stateLock);
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
        }
        stack.close();
        stores.close(); // after the router: what the last streams recorded is written before it returns
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
                server.update(GatewaySettings.from(next.config().gateway(), env, overrides.port(), overrides.bind()));
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
            agentRuntime = AgentRuntime.builder(agents::get, targets.routerForAgents(), stores.sessions())
                    .tools(AgentTools.standard()).clock(clock).turnLocks(state.turnLocks()).build();
        }
        return agentRuntime;
    }

    /** Aborts the running turn of a chat's session ({@code /stop}); true when one was running. */
    private boolean abortTurn(String sessionKey) {
        return agentRuntime().abort(sessionKey);
    }

    /** The chat channels, or null when none is enabled. */
    public ChannelRuntime channels() {
        return channels;
    }

    /** {@code GET /clawgate/status}: the live state a separate {@code clawgate models status} cannot see. */
    private JsonNode status() {
        return GatewayStatus.of(config.get(), catalog.get(), readiness.check(), router.cooldowns().snapshot(),
                clock.instant(), state.cluster(), GatewayStatus.budgets(budgets.status()).get("budgets"), channels);
    }

    /** Whether two names (references or aliases) resolve to the same catalog model: a key's {@code models}. */
    private boolean sameModel(String requested, String allowed) {
        ModelCatalog c = catalog.get();
        return c.tryResolve(requested).flatMap(a -> c.tryResolve(allowed).map(b -> a.ref().equals(b.ref())))
                .orElse(false);
    }

    /** {@link ChainReadiness}: some model of the default chain has a credential, is not cooling and answers. */
    private ReadinessCheck.Result readiness() {
        return readiness.check();
    }

    /** {@code a -> b -> c}, for start-up and reload lines. */
    public static String chainText(ModelCatalog c) {
        return String.join(" -> ", c.defaultChain().stream().map(ModelSpec::ref).toList());
    }
}
