package dev.clawgate.cli;

import dev.clawgate.ledger.Dataflow;
import dev.clawgate.ledger.DataflowRow;
import dev.clawgate.config.StateConfig;
import dev.clawgate.ledger.JdbcLedgerStore;
import dev.clawgate.state.SqlDatabases;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate dataflow [--since 24h] [--json]}: what left this machine, to where. Reads the data-flow
 * ledger ({@code ledger.db} in the state directory, written by the gateway for every upstream contact) and
 * prints one row per destination (provider, host:port, region) with requests, bytes each way, tokens and cost,
 * and the totals. Loopback and LAN destinations are listed too, as region {@code local}.
 */
@Command(name = "dataflow", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Show what left this machine, to where: upstream contacts per provider, host and region.")
final class DataflowCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    StateDirOption state;

    @Option(names = "--since", paramLabel = "PERIOD", defaultValue = "24h",
            description = "How far back: 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--json", description = "Print one JSON object per destination: { provider, host, region, "
            + "requests, bytesSent, bytesReceived, tokensIn, tokensOut, costUsd }.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Duration period;
        try {
            period = Dataflow.parseSince(since);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID;
        }
        StateConfig stateConfig = CatalogSession.open(main.environment(), config.path).loaded().config().state();
        List<DataflowRow> rows = List.of();
        if (!state.missingLocally(main.environment(), stateConfig, "ledger.db")) {
            try (SqlDatabases databases = state.databases(main.environment(), stateConfig);
                    JdbcLedgerStore store = JdbcLedgerStore.open(databases)) {
                rows = store.dataflow(Instant.now().minus(period));
            }
        }
        if (json) {
            Dataflow.json(rows).forEach(row -> out.println(row.toString()));
        } else {
            out.print(Dataflow.table(rows, "in the last " + since));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
