package dev.clawgate.cli;

import dev.clawgate.config.Environment;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir DIR}: where the session database lives. */
final class StateDirOption {

    static final String ENV = "CLAWGATE_STATE_DIR";

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory holding sessions.db (default: $CLAWGATE_STATE_DIR, else ~/.clawgate/state).")
    Path dir;

    Path database(Environment env) {
        Path state = dir != null ? dir
                : env.get(ENV).map(Path::of).orElse(env.home().resolve(".clawgate").resolve("state"));
        return state.resolve("sessions.db");
    }
}
