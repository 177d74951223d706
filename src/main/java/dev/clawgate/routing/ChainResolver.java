package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import java.util.List;

/**
 * Turns the model a caller asked for into the ordered candidate chain the router walks. The router
 * depends on this small interface rather than on the catalog so that it can be built and tested with
 * hand-made {@link ModelSpec}s; the catalog-backed implementation lives with the catalog wiring.
 */
@FunctionalInterface
public interface ChainResolver {

    /**
     * @param requestedModel alias, {@code provider/model} reference, or null for the default chain
     * @param options the caller's fallback override (null = configured chain, empty = strict); the
     *     privacy filter is applied by the router, not here
     * @return the requested model first, then its fallbacks, de-duplicated; never empty
     * @throws UnknownModelException when the requested model names nothing
     */
    List<ModelSpec> candidates(String requestedModel, RouteOptions options);
}
