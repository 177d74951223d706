package dev.clawgate.routing;

import java.util.List;

/**
 * How to build the candidate chain for one call.
 *
 * @param fallbacksOverride use exactly these fallbacks (empty = strict, no fallback), or null for the
 *     configured chain
 * @param localOnly drop every candidate whose provider is not local
 * @param wholeResponse the caller answers only once the response is complete (a non-streaming client):
 *     the router reads each candidate's whole response before choosing it, so that a failure anywhere in
 *     it, not only before its first event, fails over. Nothing has reached the client until then.
 * @param agentId the agent whose budget the call is charged to, or null for a plain API call (charged to
 *     the default agent's)
 * @param keyId the client key ({@code gateway.auth.keys[].id}) the request authenticated with, or null for the
 *     gateway's own token or no auth: usage, budgets, logs, metrics and the data-flow ledger are attributed to it
 */
public record RouteOptions(List<String> fallbacksOverride, boolean localOnly, boolean wholeResponse, String agentId,
        String keyId) {

    public static final RouteOptions DEFAULT = new RouteOptions(null, false, false, null, null);

    /** A call charged to the default agent's budget. */
    public RouteOptions(List<String> fallbacksOverride, boolean localOnly, boolean wholeResponse) {
        this(fallbacksOverride, localOnly, wholeResponse, null, null);
    }

    public RouteOptions(List<String> fallbacksOverride, boolean localOnly, boolean wholeResponse, String agentId) {
        this(fallbacksOverride, localOnly, wholeResponse, agentId, null);
    }

    /** The same options attributed to a client key. */
    public RouteOptions forKey(String key) {
        return new RouteOptions(fallbacksOverride, localOnly, wholeResponse, agentId, key);
    }

    /**
     * The same options for a call an agent makes: charged to that agent's budget, and its id goes into the
     * routing decision (the Control UI's feed filters on it).
     */
    public RouteOptions forAgent(String agent) {
        return new RouteOptions(fallbacksOverride, localOnly, wholeResponse, agent, keyId);
    }

    /** For a caller that streams the answer as it arrives. */
    public RouteOptions(List<String> fallbacksOverride, boolean localOnly) {
        this(fallbacksOverride, localOnly, false);
    }

    public static RouteOptions strict() {
        return new RouteOptions(List.of(), false);
    }

    /** The same chain, read whole before a candidate is chosen. */
    public RouteOptions collectingWhole() {
        return new RouteOptions(fallbacksOverride, localOnly, true, agentId, keyId);
    }
}
