package dev.clawgate.cli;

import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.gateway.StateEngine;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.StateDatabaseException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate migrate}: brings the state database ({@code state.database}, else the SQLite files in the state
 * directory) to the schema this Clawgate needs, and says per schema what it did. The gateway does the same at
 * start; this is for running it ahead of a deployment.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrate the state database (state.database, else the SQLite files in the state directory).")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigLoader loader = new ConfigLoader(main.environment());
        ClawgateConfig loaded = loader.load(loader.locate(config.path)).config();
        try (SqlDatabases databases = state.databases(main.environment(), loaded.state())) {
            out.println("State database: " + databases.describe());
            for (String line : StateEngine.migrateAll(databases)) {
                out.println("  " + line);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (StateDatabaseException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }
}
