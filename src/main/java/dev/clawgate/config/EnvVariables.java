package dev.clawgate.config;

import java.util.Map;
import java.util.TreeSet;

/**
 * The variables a config's {@code env} block sets. They stand in for process variables that are unset, both
 * in {@code ${VAR}} substitution and in every later lookup (a built-in provider's key variable, an
 * {@code apiKey: {source: "env"}} reference), as in OpenClaw. Values are secrets: {@link #toString()} names
 * the variables only.
 */
public record EnvVariables(Map<String, String> values) {

    public static final EnvVariables NONE = new EnvVariables(Map.of());

    public EnvVariables {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** {@code env} with these variables for the ones it leaves unset or empty. */
    public Environment over(Environment env) {
        return env.withFallbacks(values);
    }

    @Override
    public String toString() {
        return "EnvVariables" + new TreeSet<>(values.keySet());
    }
}
