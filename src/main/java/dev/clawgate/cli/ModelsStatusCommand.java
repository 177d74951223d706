package dev.clawgate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate models status}: the config, default chain, aliases and the providers in use with where
 * their keys come from. Exit code 2 when a model some chain uses has no credential.
 */
@Command(name = "status", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Show the default model, fallbacks, aliases and credentials of the providers in use. "
                + "Exit code 2 when a model in use has no credential.")
final class ModelsStatusCommand implements Callable<Integer> {

    @ParentCommand
    ModelsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Option(names = "--gateway", paramLabel = "URL", description = "The running gateway to ask for cooldowns "
            + "(default: gateway.port of the config on 127.0.0.1, e.g. http://127.0.0.1:18789).")
    String gatewayUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogSession session = CatalogSession.open(parent.main.environment(), config.path);
        var config = session.loaded().config();
        GatewayStatusClient.Live live = GatewayStatusClient.fetch(config.gateway(), gatewayUrl, parent.main.environment(),
                Duration.ofSeconds(1));
        ModelStatus status = new ModelStatus(session.catalog(), session.configLabel(), session.configReason(),
                config.agents().defaults().privacy(), live);
        if (json) {
            out.println(Json.pretty(status.json()));
        } else {
            out.print(status.text());
            if (!session.errors().isEmpty()) {
                out.println();
                out.println("Config problems: " + session.errors().size()
                        + " (run 'clawgate config validate' for details)");
            }
        }
        out.flush();
        return status.missingCredentials() ? ExitCodes.MISSING_CREDENTIALS : ExitCodes.OK;
    }
}
