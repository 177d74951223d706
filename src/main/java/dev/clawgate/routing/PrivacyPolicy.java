package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import java.net.URI;
import java.util.Locale;

/**
 * The {@code privacy} setting of an agent or request. {@code local-only} means no byte of the
 * conversation may leave for a hosted provider: hosted candidates are removed from the chain before any
 * connection is made, deciding from the configured host alone (no DNS).
 */
public final class PrivacyPolicy {

    public static final String LOCAL_ONLY = "local-only";

    private PrivacyPolicy() {}

    /** True for {@code "local-only"} (case and surrounding space ignored); false for null or anything else. */
    public static boolean isLocalOnly(String privacy) {
        return privacy != null && privacy.strip().toLowerCase(Locale.ROOT).equals(LOCAL_ONLY);
    }

    /** {@code options} with {@code localOnly} switched on when {@code privacy} says so (never switched off). */
    public static RouteOptions apply(RouteOptions options, String privacy) {
        RouteOptions base = options == null ? RouteOptions.DEFAULT : options;
        return isLocalOnly(privacy) && !base.localOnly()
                ? new RouteOptions(base.fallbacksOverride(), true, base.wholeResponse(), base.agentId(), base.keyId()) : base;
    }

    /** {@code anthropic/claude-sonnet-4-5 is hosted (api.anthropic.com)}. */
    static String hostedReason(ModelSpec model) {
        return model.ref() + " is hosted (" + host(model) + ")";
    }

    private static String host(ModelSpec model) {
        try {
            String host = URI.create(model.provider().baseUrl()).getHost();
            return host != null ? host : model.provider().baseUrl();
        } catch (IllegalArgumentException e) {
            return String.valueOf(model.provider().baseUrl());
        }
    }
}
