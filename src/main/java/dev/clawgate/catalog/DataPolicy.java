package dev.clawgate.catalog;

import dev.clawgate.config.PrivacyConfig;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the data of one call may go: the regions a provider must be in, and whether the provider may keep
 * it for training ({@code dataCollection: "deny"}). Several settings apply to one call (agent defaults, the
 * agent, the client key); {@link #and} keeps the strictest: the intersection of the region lists, and a deny
 * from any of them.
 *
 * <p>Deciding reads only the catalog ({@link ProviderSpec#region()}), never the network, so a candidate
 * outside the policy is refused before any connection. A provider whose region is unknown (a hosted custom
 * provider without {@code region}) is in no region list: the policy fails closed.
 *
 * @param regions the admitted regions, lower case; null admits every region (no region rule)
 * @param denyDataCollection the call must go only where the provider does not retain or train on it (sent to
 *     OpenRouter as {@code provider.data_collection: "deny"})
 */
public record DataPolicy(Set<String> regions, boolean denyDataCollection) {

    public static final DataPolicy NONE = new DataPolicy(null, false);
    public static final DataPolicy LOCAL_ONLY = new DataPolicy(Set.of(ProviderSpec.LOCAL_REGION), false);

    public DataPolicy {
        regions = regions == null ? null : Set.copyOf(regions);
    }

    /** The policy a {@code privacy} setting states; {@link #NONE} for null. */
    public static DataPolicy of(PrivacyConfig privacy) {
        if (privacy == null) {
            return NONE;
        }
        return new DataPolicy(privacy.regions() == null ? null : new LinkedHashSet<>(privacy.regions()),
                PrivacyConfig.DENY.equals(privacy.dataCollection()));
    }

    /** The strictest of both: regions in both lists, and a deny from either. */
    public DataPolicy and(DataPolicy other) {
        if (other == null || other.equals(NONE)) {
            return this;
        }
        if (this.equals(NONE)) {
            return other;
        }
        Set<String> both;
        if (regions == null || other.regions == null) {
            both = regions == null ? other.regions : regions;
        } else {
            both = new LinkedHashSet<>(regions);
            both.retainAll(other.regions);
        }
        return new DataPolicy(both, denyDataCollection || other.denyDataCollection);
    }

    /** True when the policy says anything (a region list or a data-collection deny). */
    public boolean restricts() {
        return regions != null || denyDataCollection;
    }

    /** True when only {@code local} providers are admitted (or nothing at all). */
    public boolean localOnly() {
        return regions != null && regions.stream().allMatch(ProviderSpec.LOCAL_REGION::equals);
    }

    /** True when a provider in this region may be sent the call. */
    public boolean admits(ProviderSpec provider) {
        return regions == null || provider.region() != null && regions.contains(provider.region());
    }

    /**
     * Why the model may not be contacted under this policy, or null when it may: {@code privacy local-only:
     * anthropic/claude-sonnet-4-5 is hosted (api.anthropic.com)}, {@code privacy regions [eu, local]: openai/gpt-5
     * is in region us (api.openai.com)}, or for a custom hosted provider without a region, how to give it one.
     */
    public String refusal(ModelSpec model) {
        ProviderSpec p = model.provider();
        if (admits(p)) {
            return null;
        }
        String where;
        if (localOnly() && !p.isLocal()) {
            where = "is hosted (" + host(p) + ")";
        } else if (p.region() == null) {
            where = "has no known region (" + host(p) + "): set models.providers." + p.id() + ".region";
        } else {
            where = "is in region " + p.region() + " (" + host(p) + (p.isLocal() ? ", a local address whose"
                    + " models.providers." + p.id() + ".region says it forwards elsewhere" : "") + ")";
        }
        return PREFIX + describe() + ": " + model.ref() + " " + where;
    }

    /** What every refusal starts with. */
    public static final String PREFIX = "privacy ";

    /** {@code local-only}, {@code regions [eu, local]}, {@code regions [] (nothing admitted)}. */
    public String describe() {
        if (regions == null) {
            return denyDataCollection ? "dataCollection deny" : "none";
        }
        if (regions.isEmpty()) {
            return "regions [] (the settings that apply share no region)";
        }
        if (localOnly()) {
            return "local-only";
        }
        return "regions " + List.copyOf(new java.util.TreeSet<>(regions));
    }

    private static String host(ProviderSpec p) {
        try {
            URI uri = URI.create(p.baseUrl());
            return uri.getHost() != null ? uri.getHost() : p.baseUrl();
        } catch (IllegalArgumentException e) {
            return String.valueOf(p.baseUrl());
        }
    }
}
