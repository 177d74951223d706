package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Binds a {@code privacy} value wherever it appears ({@code agents.defaults}, {@code agents.list[]},
 * {@code gateway.auth.keys[]}): one rule set, one type ({@link PrivacyConfig}).
 */
public final class PrivacyBinder {

    private static final List<String> POLICY_KEYS = List.of("regions", "dataCollection");
    /** A region tag: {@code local}, {@code eu}, {@code us}, {@code cn}, {@code eu-west}... */
    static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private PrivacyBinder() {}

    /** {@code parent.<key>}: {@code "local-only"}, or an object with {@code regions} and {@code dataCollection}. */
    static PrivacyConfig bind(ObjectFields parent, String key) {
        JsonNode value = parent.raw(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            String text = parent.oneOf(key, List.of(PrivacyConfig.LOCAL_ONLY), List.of());
            return text == null ? null : PrivacyConfig.LOCAL_ONLY_POLICY;
        }
        if (!value.isObject()) {
            parent.ctx().error(parent.pathOf(key), "expected \"local-only\" or an object { regions: [\"eu\", \"local\"],"
                    + " dataCollection: \"deny\" }, found " + JsonTypes.describe(value), null);
            return null;
        }
        ObjectFields p = parent.object(key);
        p.checkKeys(POLICY_KEYS);
        List<String> regions = regions(p);
        String dataCollection = p.oneOf("dataCollection", List.of(PrivacyConfig.DENY, PrivacyConfig.ALLOW), List.of());
        if (regions == null && dataCollection == null) {
            return null;
        }
        return new PrivacyConfig(regions, dataCollection);
    }

    private static List<String> regions(ObjectFields p) {
        List<String> raw = p.stringList("regions");
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String region = raw.get(i).strip().toLowerCase(Locale.ROOT);
            if (!REGION.matcher(region).matches()) {
                p.ctx().error(ConfigPaths.index(p.pathOf("regions"), i), "'" + raw.get(i) + "' is not a region tag",
                        "use \"local\" or a jurisdiction such as \"eu\", \"us\"");
            } else if (!out.contains(region)) {
                out.add(region);
            }
        }
        if (out.isEmpty() && raw.isEmpty()) {
            p.ctx().error(p.pathOf("regions"), "an empty region list would block every provider",
                    "list the regions data may go to, e.g. [\"local\", \"eu\"]");
        }
        return out;
    }

    /** {@code models.providers.<id>.region}: a region tag, lower case, or null when not written. */
    static String region(ObjectFields provider) {
        String region = provider.nonEmptyString("region");
        if (region == null) {
            return null;
        }
        String tag = region.strip().toLowerCase(Locale.ROOT);
        if (!REGION.matcher(tag).matches()) {
            provider.ctx().error(provider.pathOf("region"), "'" + region + "' is not a region tag",
                    "use \"local\" or a jurisdiction such as \"eu\", \"us\"");
            return null;
        }
        return tag;
    }
}
