package dev.clawgate.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded configuration.
 *
 * @param source the file it came from, or null for the built-in default
 * @param warnings problems that did not stop loading (keys OpenClaw knows that Clawgate ignores, ...)
 */
public record ClawgateConfig(ModelsConfig models, AgentsConfig agents, GatewayConfig gateway, Path source,
        List<ConfigProblem> warnings) {

    public ClawgateConfig {
        models = models != null ? models : ModelsConfig.EMPTY;
        agents = agents != null ? agents : AgentsConfig.EMPTY;
        gateway = gateway != null ? gateway : GatewayConfig.DEFAULT;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
