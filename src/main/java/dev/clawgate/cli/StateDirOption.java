package dev.clawgate.cli;

import dev.clawgate.agent.store.StateDirectory;
import dev.clawgate.config.Environment;
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
}
