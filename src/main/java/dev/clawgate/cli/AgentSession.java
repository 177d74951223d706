package dev.clawgate.cli;

import dev.clawgate.agent.AgentDirectory;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.AgentSpec;
import dev.clawgate.agent.AgentTools;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.config.Environment;
import dev.clawgate.routing.RouterStack;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What {@code clawgate agent} and {@code clawgate chat} run on: the configuration's agents, the router as
 * the gateway builds it ({@link RouterStack}), and the session store in the state directory.
 */
final class AgentSession implements AutoCloseable {

    final CatalogSession catalog;
    final AgentDirectory agents;
    final JdbcSessionStore store;
    final RouterStack router;
    final AgentRuntime runtime;
    private final dev.clawgate.budget.SpendStore spend;
    private final dev.clawgate.state.SqlDatabases databases;

    private AgentSession(CatalogSession catalog, AgentDirectory agents, JdbcSessionStore store, RouterStack router,
            dev.clawgate.budget.SpendStore spend, dev.clawgate.state.SqlDatabases databases) {
        this.spend = spend;
        this.databases = databases;
        this.catalog = catalog;
        this.agents = agents;
        this.store = store;
        this.router = router;
        this.runtime = AgentRuntime.builder(() -> agents, router.router(), store).tools(AgentTools.standard()).build();
    }

    /** @throws dev.clawgate.config.ConfigException when the configuration cannot be loaded */
    static AgentSession open(Environment env, Path config, StateDirOption state) {
        CatalogSession catalog = CatalogSession.open(env, config);
        AgentDirectory agents = new AgentDirectory(catalog.loaded().config().agents(), catalog.catalog(), env);
        dev.clawgate.state.SqlDatabases databases = state.databases(env, catalog.loaded().config().state());
        JdbcSessionStore store = JdbcSessionStore.open(databases);
        // the same budgets as the gateway: settled spend is shared through the state database
        dev.clawgate.budget.SpendStore spend = dev.clawgate.budget.JdbcSpendStore.open(databases);
        dev.clawgate.budget.Budgets budgets = new dev.clawgate.budget.Budgets(() -> catalog.loaded().config(), spend,
                Clock.systemUTC());
        return new AgentSession(catalog, agents, store, RouterStack.open(catalog::catalog, Clock.systemUTC(), budgets),
                spend, databases);
    }

    /** {@code --session}: a full {@code agent:…} key as given, else a named session of the agent. */
    static String sessionKey(AgentSpec agent, String session) {
        if (session == null || session.isBlank()) {
            return SessionKeys.main(agent.id());
        }
        return session.startsWith("agent:") ? session : SessionKeys.named(agent.id(), session);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            router.close();
            spend.close();
            databases.close();
        }
    }
}
