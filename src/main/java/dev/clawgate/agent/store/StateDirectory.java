package dev.clawgate.agent.store;

import dev.clawgate.config.Environment;
import java.nio.file.Path;

/**
 * Where Clawgate keeps its state: {@code $CLAWGATE_STATE_DIR}, else OpenClaw's {@code $OPENCLAW_STATE_DIR} (so an
 * OpenClaw service's environment keeps working), else {@code ~/.clawgate/state}.
 */
public final class StateDirectory {

    public static final String ENV = "CLAWGATE_STATE_DIR";
    public static final String OPENCLAW_ENV = "OPENCLAW_STATE_DIR";

    private StateDirectory() {}

    /** The session database, in {@code dir} when given, else in the default state directory. */
    public static Path sessionDatabase(Environment env, Path dir) {
        Path state = dir != null ? dir
                : env.get(ENV).or(() -> env.get(OPENCLAW_ENV)).map(Path::of)
                        .orElse(env.home().resolve(".clawgate").resolve("state"));
        return state.resolve("sessions.db");
    }
}
