package dev.clawgate.routing;

import dev.clawgate.catalog.DataPolicy;
import java.util.List;

/**
 * How to build the candidate chain for one call.
 *
 * @param fallbacksOverride use exactly these fallbacks (empty = strict, no fallback), or null for the
 *     configured chain
 * @param dataPolicy where the call's data may go (regions, data collection): a candidate outside it is skipped
 *     without contact; {@link DataPolicy#NONE} for no rule. Narrowed by {@link PrivacyPolicy#apply}.
 * @param wholeResponse the caller answers only once the response is complete (a non-streaming client):
 *     the router reads each candidate's whole response before choosing it, so that a failure anywhere in
 *     it, not only before its first event, fails over. Nothing has reached the client until then.
 * @param agentId the agent whose budget the call is charged to, or null for a plain API call (charged to
 *     the default agent's)
 * @param keyId the client key ({@code gateway.auth.keys[].id}) the request authenticated with, or null for the
 *     gateway's own token or no auth: usage, budgets, logs, metrics and the data-flow ledger are attributed to it
 * @param requestId the inbound request's {@code x-request-id}, for the data-flow ledger; null when none
 * @param authenticatedUser the user a trusted proxy authenticated for the inbound request
 *     ({@code gateway.auth.mode "trusted-proxy"}), or null: an agent target tells its agent who is asking
 */
public record RouteOptions(List<String> fallbacksOverride, DataPolicy dataPolicy, boolean wholeResponse,
        String agentId, String keyId, String requestId, String authenticatedUser) {

    public static final RouteOptions DEFAULT = new RouteOptions(null, DataPolicy.NONE, false, null, null, null);

    public RouteOptions {
        dataPolicy = dataPolicy != null ? dataPolicy : DataPolicy.NONE;
    }

    public RouteOptions(List<String> fallbacksOverride, DataPolicy dataPolicy, boolean wholeResponse, String agentId,
            String keyId, String requestId) {
        this(fallbacksOverride, dataPolicy, wholeResponse, agentId, keyId, requestId, null);
    }

    /** {@code localOnly}: only candidates in the {@code local} region. */
    public RouteOptions(List<String> fallbacksOverride, boolean localOnly, boolean wholeResponse, String agentId,
            String keyId) {
        this(fallbacksOverride, localOnly ? DataPolicy.LOCAL_ONLY : DataPolicy.NONE, wholeResponse, agentId, keyId,
                null);
    }

    /** A call charged to the default agent's budget. */
    public RouteOptions(List<String> fallbacksOverride, boolean localOnly, boolean wholeResponse) {
        this(fallbacksOverride, localOnly, wholeResponse, null, null);
    }

    public RouteOptions(List<String> fallbacksOverride, boolean localOnly, boolean wholeResponse, String agentId) {
        this(fallbacksOverride, localOnly, wholeResponse, agentId, null);
    }

    /** For a caller that streams the answer as it arrives. */
    public RouteOptions(List<String> fallbacksOverride, boolean localOnly) {
        this(fallbacksOverride, localOnly, false);
    }

    /** For a caller that streams the answer, under a data policy. */
    public RouteOptions(List<String> fallbacksOverride, DataPolicy dataPolicy) {
        this(fallbacksOverride, dataPolicy, false, null, null, null);
    }

    public static RouteOptions strict() {
        return new RouteOptions(List.of(), false);
    }

    /** True when only {@code local} candidates may be contacted. */
    public boolean localOnly() {
        return dataPolicy.localOnly();
    }

    /** The same options attributed to a client key. */
    public RouteOptions forKey(String key) {
        return new RouteOptions(fallbacksOverride, dataPolicy, wholeResponse, agentId, key, requestId,
                authenticatedUser);
    }

    /**
     * The same options for a call an agent makes: charged to that agent's budget, and its id goes into the
     * routing decision (the Control UI's feed filters on it).
     */
    public RouteOptions forAgent(String agent) {
        return new RouteOptions(fallbacksOverride, dataPolicy, wholeResponse, agent, keyId, requestId,
                authenticatedUser);
    }

    /** The same options for the inbound request with this id (the data-flow ledger records it). */
    public RouteOptions forRequest(String id) {
        return new RouteOptions(fallbacksOverride, dataPolicy, wholeResponse, agentId, keyId, id, authenticatedUser);
    }

    /** The same options under the strictest of the current policy and {@code policy}. */
    public RouteOptions restrictedTo(DataPolicy policy) {
        DataPolicy strictest = dataPolicy.and(policy);
        return strictest.equals(dataPolicy) ? this
                : new RouteOptions(fallbacksOverride, strictest, wholeResponse, agentId, keyId, requestId,
                        authenticatedUser);
    }

    /** The same chain, read whole before a candidate is chosen. */
    public RouteOptions collectingWhole() {
        return new RouteOptions(fallbacksOverride, dataPolicy, true, agentId, keyId, requestId, authenticatedUser);
    }

    /** The same options for a request a trusted proxy authenticated as {@code user} (null: none did). */
    public RouteOptions forAuthenticatedUser(String user) {
        return new RouteOptions(fallbacksOverride, dataPolicy, wholeResponse, agentId, keyId, requestId, user);
    }
}
