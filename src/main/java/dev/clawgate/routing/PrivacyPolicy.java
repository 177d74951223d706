package dev.clawgate.routing;

import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.config.PrivacyConfig;

/**
 * The {@code privacy} setting of agent defaults, an agent or a client key, applied to a call: the only way a
 * setting becomes part of {@link RouteOptions}. {@code local-only} means no byte of the conversation may leave
 * for a hosted provider; {@code { regions, dataCollection }} names the regions it may go to. Settings only ever
 * narrow a call (the strictest applies); the router skips candidates outside before any connection.
 */
public final class PrivacyPolicy {

    public static final String LOCAL_ONLY = PrivacyConfig.LOCAL_ONLY;

    private PrivacyPolicy() {}

    /** True for {@code "local-only"} (or a region list of just {@code local}); false for null or anything else. */
    public static boolean isLocalOnly(PrivacyConfig privacy) {
        return privacy != null && privacy.localOnly();
    }

    /** {@code options} narrowed by {@code privacy} (never widened); null privacy leaves them as they are. */
    public static RouteOptions apply(RouteOptions options, PrivacyConfig privacy) {
        RouteOptions base = options == null ? RouteOptions.DEFAULT : options;
        return privacy == null ? base : base.restrictedTo(DataPolicy.of(privacy));
    }
}
