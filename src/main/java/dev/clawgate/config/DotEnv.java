package dev.clawgate.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code .env} files. (Stub: the config loader work replaces this with a real parser.) */
final class DotEnv {

    private DotEnv() {}

    static Environment systemEnvironment() {
        Map<String, String> vars = new HashMap<>(System.getenv());
        Path home = Path.of(System.getProperty("user.home"));
        return new Environment(vars, home, Path.of("").toAbsolutePath());
    }
}
