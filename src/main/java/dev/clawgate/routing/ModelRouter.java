package dev.clawgate.routing;

import dev.clawgate.wire.ChatRequest;

/**
 * Runs a request on the first candidate model that answers. The gateway and the agent runtime call
 * this; it is the only way they reach an upstream.
 */
public interface ModelRouter {

    /**
     * Resolves {@code request.model()} (alias, {@code provider/model} reference, or null for the default
     * chain) to a candidate chain and opens candidates in order until one produces its first event.
     *
     * @throws UnknownModelException when the model names nothing in the catalog
     * @throws AllCandidatesFailedException when no candidate produced a first event; lists every attempt
     * @throws dev.clawgate.wire.UpstreamException for failures that must not fail over (context overflow,
     *     bad request), from the candidate that raised it
     */
    RoutedStream open(ChatRequest request, RouteOptions options);
}
