package dev.clawgate.config;

import java.util.List;

/**
 * A {@code privacy} setting as written: {@code "local-only"}, or {@code { regions: [...], dataCollection }}.
 * The same type on {@code agents.defaults}, each agent and each client key ({@link PrivacyBinder} binds all
 * of them); the strictest of those that apply wins, which the router works out.
 *
 * @param regions the regions data may go to ({@code "local"}, {@code "eu"}, {@code "us"}...), lower case;
 *     {@code "local-only"} is {@code ["local"]}; null when this setting names none (any region)
 * @param dataCollection {@code "deny"} or {@code "allow"}, or null when not written
 */
public record PrivacyConfig(List<String> regions, String dataCollection) {

    public static final String LOCAL_ONLY = "local-only";
    public static final String LOCAL = "local";
    public static final String DENY = "deny";
    public static final String ALLOW = "allow";

    /** {@code privacy: "local-only"}. */
    public static final PrivacyConfig LOCAL_ONLY_POLICY = new PrivacyConfig(List.of(LOCAL), null);

    public PrivacyConfig {
        regions = regions == null ? null : List.copyOf(regions);
    }

    /** True when only {@code local} is allowed. */
    public boolean localOnly() {
        return regions != null && regions.size() == 1 && regions.get(0).equals(LOCAL);
    }
}
