package dev.clawgate.routing;

import java.util.List;

/**
 * How to build the candidate chain for one call.
 *
 * @param fallbacksOverride use exactly these fallbacks (empty = strict, no fallback), or null for the
 *     configured chain
 * @param localOnly drop every candidate whose provider is not local
 */
public record RouteOptions(List<String> fallbacksOverride, boolean localOnly) {

    public static final RouteOptions DEFAULT = new RouteOptions(null, false);

    public static RouteOptions strict() {
        return new RouteOptions(List.of(), false);
    }
}
