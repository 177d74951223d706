package dev.clawgate.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded configuration.
 *
 * @param source the file it came from, or null for the built-in default
 * @param warnings problems that did not stop loading (keys OpenClaw knows that Clawgate ignores, ...)
 * @param channels {@code channels} and {@code bindings}
 * @param budgets every {@code budget} object (gateway, agent defaults, agents)
 * @param state where durable state lives ({@code state.database})
 */
public record ClawgateConfig(ModelsConfig models, AgentsConfig agents, GatewayConfig gateway, Path source,
        List<ConfigProblem> warnings, ChannelsConfig channels, BudgetsConfig budgets, StateConfig state) {

    public ClawgateConfig {
        models = models != null ? models : ModelsConfig.EMPTY;
        agents = agents != null ? agents : AgentsConfig.EMPTY;
        gateway = gateway != null ? gateway : GatewayConfig.DEFAULT;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        channels = channels != null ? channels : ChannelsConfig.EMPTY;
        budgets = budgets != null ? budgets : BudgetsConfig.EMPTY;
        state = state != null ? state : StateConfig.DEFAULT;
    }

    /** A configuration with the default state (SQLite files in the state directory). */
    public ClawgateConfig(ModelsConfig models, AgentsConfig agents, GatewayConfig gateway, Path source,
            List<ConfigProblem> warnings, ChannelsConfig channels, BudgetsConfig budgets) {
        this(models, agents, gateway, source, warnings, channels, budgets, null);
    }

    /** A configuration without budgets. */
    public ClawgateConfig(ModelsConfig models, AgentsConfig agents, GatewayConfig gateway, Path source,
            List<ConfigProblem> warnings, ChannelsConfig channels) {
        this(models, agents, gateway, source, warnings, channels, null);
    }

    /** A configuration without channels or bindings. */
    public ClawgateConfig(ModelsConfig models, AgentsConfig agents, GatewayConfig gateway, Path source,
            List<ConfigProblem> warnings) {
        this(models, agents, gateway, source, warnings, null);
    }
}
