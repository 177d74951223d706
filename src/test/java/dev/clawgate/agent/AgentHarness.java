package dev.clawgate.agent;

import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.routing.RouterStack;
import dev.clawgate.state.sqlite.SqliteDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real agent runtime for tests: config file in a temp home, catalog, {@link RouterStack} with the real
 * adapters and transport, SQLite store. {@link #restart()} closes the store and builds everything again.
 */
final class AgentHarness implements AutoCloseable {

    final Path home;
    final Environment env;
    final Path configFile;
    private final UnaryOperator<ModelRouter> routerWrapper;
    AgentDirectory directory;
    RouterStack routerStack;
    JdbcSessionStore store;
    AgentRuntime runtime;

    AgentHarness(Path home, String configText) throws IOException {
        this(home, configText, r -> r);
    }

    AgentHarness(Path home, String configText, UnaryOperator<ModelRouter> routerWrapper) throws IOException {
        this.home = home;
        this.env = Environment.of(Map.of(), home);
        this.configFile = home.resolve("clawgate.json5");
        this.routerWrapper = routerWrapper;
        Files.writeString(configFile, configText);
        start();
    }

    private void start() {
        ConfigLoader loader = new ConfigLoader(env);
        LoadedConfig loaded = loader.load(loader.locate(configFile));
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), env);
        directory = new AgentDirectory(loaded.config().agents(), catalog, env);
        routerStack = RouterStack.open(() -> catalog, Clock.systemUTC());
        store = JdbcSessionStore.openOwning(new SqliteDatabases(home.resolve("state")));
        runtime = AgentRuntime.builder(() -> directory, routerWrapper.apply(routerStack.router()), store)
                .tools(AgentTools.standard()).build();
    }

    void restart() {
        close();
        start();
    }

    TurnResult send(String text) {
        return runtime.runTurn(TurnRequest.of(null, text));
    }

    Path workspace() {
        return directory.defaultAgent().workspace();
    }

    @Override
    public void close() {
        store.close();
        routerStack.close();
    }

    /**
     * A config with one local provider at {@code baseUrl} speaking {@code api}: {@code local/small} (the
     * default primary, window {@code window}, output {@code maxTokens}) and {@code local/big} (window
     * 32768), both allowlisted with aliases; {@code agentsList} is the JSON5 of {@code agents.list} or null.
     */
    static String config(String baseUrl, String api, int window, int maxTokens, String agentsList) {
        return """
                {
                  agents: {
                    defaults: {
                      model: { primary: "local/small" },
                      models: { "local/small": { alias: "Small" }, "local/big": { alias: "Big" } },
                    },
                    %s
                  },
                  models: {
                    mode: "replace",
                    providers: {
                      local: {
                        baseUrl: "%s", api: "%s", apiKey: "test",
                        models: [
                          { id: "small", contextWindow: %d, maxTokens: %d },
                          { id: "big", contextWindow: 32768, maxTokens: %d },
                        ],
                      },
                    },
                  },
                }
                """.formatted(agentsList == null ? "" : "list: " + agentsList + ",", baseUrl, api, window, maxTokens,
                maxTokens);
    }
}
