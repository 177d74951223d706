package dev.clawgate.cli;

import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.config.StateConfig;
import dev.clawgate.gateway.StateEngine;
import dev.clawgate.state.SqlDatabases;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir DIR}: where the session database lives. */
final class StateDirOption {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory holding sessions.db (default: $CLAWGATE_STATE_DIR, else ~/.clawgate/state).")
    Path dir;

    Path database(Environment env) {
        return StateDirectory.sessionDatabase(env, dir);
    }

    /** The state databases as {@code state} configures them: PostgreSQL, or the SQLite files in this directory. */
    SqlDatabases databases(Environment env, StateConfig state) {
        return StateEngine.open(state, database(env).getParent());
    }

    /** As {@link #databases(Environment, StateConfig)}, with {@code state} read from the config file. */
    SqlDatabases databases(Environment env, Path explicitConfig) {
        ConfigLoader loader = new ConfigLoader(env);
        return databases(env, loader.load(loader.locate(explicitConfig)).config().state());
    }

    /** True when the state is in SQLite files and {@code file} (sessions.db, budget.db, ...) is not there yet. */
    boolean missingLocally(Environment env, StateConfig state, String file) {
        return (state == null || state.database() == null)
                && !java.nio.file.Files.exists(database(env).resolveSibling(file));
    }
}
