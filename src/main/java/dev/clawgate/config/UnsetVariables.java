package dev.clawgate.config;

import java.util.List;
import java.util.Map;

/**
 * Reports {@code ${VAR}}s that were not set. As OpenClaw resolves them when a value is used, an unset one
 * matters only where the value is needed to start: the gateway's own credentials ({@code gateway.auth}) are
 * an error when starting and a warning saying so when validating (the catalog does the same for a provider
 * of the default chain). Elsewhere it is a warning saying what stays unusable (a provider is skipped by the
 * router, with this reason). {@link ValidationMode#STRICT} makes every one an error.
 */
final class UnsetVariables {

    private UnsetVariables() {}

    static void report(SourceMap sources, ValidationMode mode, ProblemList problems) {
        for (Map.Entry<String, List<String>> e : sources.unresolvedVariables("").entrySet()) {
            String path = e.getKey();
            for (String name : e.getValue()) {
                String message = EnvSubstitution.missingMessage(name);
                String hint = EnvSubstitution.missingHint(name);
                boolean neededToStart = ConfigPaths.isWithin(path, "gateway.auth");
                if (mode == ValidationMode.STRICT || neededToStart && mode.needsStartValues()) {
                    problems.add(sources.error(path, message, hint));
                } else if (neededToStart) {
                    problems.add(sources.warning(path, message + "; the gateway needs " + path + " to start, so "
                            + ValidationMode.refusesToStart(name), hint));
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
