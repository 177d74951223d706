package dev.clawgate.config;

import java.util.List;
import java.util.Map;

/**
 * Reports {@code ${VAR}}s that were not set. As OpenClaw resolves them when a value is used, an unset one is
 * an error only where the value is needed to start: the gateway's own credentials ({@code gateway.auth}).
 * Elsewhere it is a warning saying what stays unusable (a provider is skipped by the router, with this
 * reason); the catalog makes it an error for a provider of the default chain. {@code strict} makes every one
 * an error.
 */
final class UnsetVariables {

    private UnsetVariables() {}

    static void report(SourceMap sources, boolean strict, ProblemList problems) {
        for (Map.Entry<String, List<String>> e : sources.unresolvedVariables("").entrySet()) {
            String path = e.getKey();
            for (String name : e.getValue()) {
                String message = EnvSubstitution.missingMessage(name);
                String hint = EnvSubstitution.missingHint(name);
                if (strict || ConfigPaths.isWithin(path, "gateway.auth")) {
                    problems.add(sources.error(path, message, hint));
                } else {
                    problems.add(sources.warning(path, message + "; " + consequence(path), hint));
                }
            }
        }
    }

    /** What an unset variable at {@code path} leaves unusable. */
    private static String consequence(String path) {
        List<String> segments = ConfigPaths.segments(path);
        if (segments.size() >= 3 && segments.get(0).equals("models") && segments.get(1).equals("providers")) {
            return "provider '" + segments.get(2) + "' is unusable until it is set";
        }
        return "the value stays unresolved until it is set";
    }
}
