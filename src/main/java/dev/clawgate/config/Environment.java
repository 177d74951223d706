package dev.clawgate.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The variables and paths configuration is resolved against: the process environment, then
 * {@code .env} in the working directory, then {@code ~/.clawgate/.env} (earlier sources win). Tests build
 * one from a map so that they never depend on the machine's environment.
 */
public final class Environment {

    private final Map<String, String> variables;
    private final Path home;
    private final Path workingDirectory;

    public Environment(Map<String, String> variables, Path home, Path workingDirectory) {
        this.variables = Map.copyOf(variables);
        this.home = home;
        this.workingDirectory = workingDirectory;
    }

    /** A fixed environment, for tests. */
    public static Environment of(Map<String, String> variables, Path home) {
        return new Environment(variables, home, home);
    }

    /**
     * The real process environment, then {@code ./.env}, then {@code ~/.clawgate/.env}; a {@code .env} value
     * is used only for a variable that is unset or empty (see {@link DotEnv}).
     */
    public static Environment system() {
        return DotEnv.systemEnvironment();
    }

    public Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public Map<String, String> variables() {
        return variables;
    }

    public Path home() {
        return home;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * The home OpenClaw's own paths ({@code ~/.openclaw/openclaw.json}) are under: {@code $OPENCLAW_HOME} (a
     * leading {@code ~} expanded; blank, {@code undefined} and {@code null} count as unset, as in OpenClaw),
     * else {@link #home()}. Clawgate's own paths ({@code ~/.clawgate}) stay under {@link #home()}.
     */
    public Path openClawHome() {
        String raw = get("OPENCLAW_HOME").map(String::trim).orElse("");
        if (raw.isEmpty() || raw.equals("undefined") || raw.equals("null")) {
            return home;
        }
        if (raw.equals("~")) {
            return home;
        }
        return raw.startsWith("~/") ? home.resolve(raw.substring(2)) : workingDirectory.resolve(raw);
    }

    /**
     * This environment with {@code fallbacks} (the config's {@code env} block) for variables it leaves unset or
     * empty: the process environment and {@code .env} files win, as in OpenClaw.
     */
    public Environment withFallbacks(Map<String, String> fallbacks) {
        if (fallbacks.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new java.util.HashMap<>(variables);
        fallbacks.forEach((name, value) -> {
            String existing = merged.get(name);
            if (existing == null || existing.isEmpty()) {
                merged.put(name, value);
            }
        });
        return new Environment(merged, home, workingDirectory);
    }
}
