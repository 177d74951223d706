package dev.clawgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clawgate models list}: OpenClaw's table of models with input kinds, context, locality, auth, tags. */
@Command(name = "list", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "List the models the config uses (default chain, aliases, configured rows), or the whole "
                + "catalog with --all.")
final class ModelsListCommand implements Callable<Integer> {

    @ParentCommand
    ModelsCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--all", description = "Show the full catalog, built-in models included.")
    boolean all;

    @Option(names = "--local", description = "Only models on local (loopback/LAN) providers, with what their servers list.")
    boolean local;

    @Option(names = "--provider", paramLabel = "ID", description = "Only this provider's models.")
    String provider;

    @Option(names = "--json", description = "Print {count, models:[...]} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogSession session = CatalogSession.open(parent.main.environment(), config.path);
        List<ModelRow> rows = new ModelListing(session.catalog(),
                new dev.clawgate.routing.LocalModelDiscovery(java.time.Clock.systemUTC()))
                .rows(new ModelListing.Filter(all, local, provider));
        out.print(json ? Json.pretty(ModelTable.json(rows)) + "\n" : ModelTable.text(rows));
        out.flush();
        return ExitCodes.OK;
    }
}
