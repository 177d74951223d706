package dev.clawgate.config;

import java.util.Map;

/**
 * The {@code budget} objects of the config: {@code gateway.budget} for the whole gateway,
 * {@code agents.defaults.budget} for every agent without its own, and {@code agents.list[].budget}.
 *
 * @param agents each agent's own budget by agent id as written, in file order
 */
public record BudgetsConfig(Budget gateway, Budget defaults, Map<String, Budget> agents) {

    public static final BudgetsConfig EMPTY = new BudgetsConfig(null, null, Map.of());

    public BudgetsConfig {
        agents = agents == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(agents));
    }

    /**
     * One budget, limits in USD.
     *
     * @param daily the limit per calendar day, or null for none
     * @param monthly the limit per calendar month, or null for none
     * @param onExceeded {@code "refuse"} (the default) or {@code "local-only"}
     * @param timezone the zone whose calendar the periods follow (an IANA id), or null for UTC
     */
    public record Budget(Double daily, Double monthly, String onExceeded, String timezone) {

        public static final String REFUSE = "refuse";
        public static final String LOCAL_ONLY = "local-only";

        public boolean localOnlyWhenExceeded() {
            return LOCAL_ONLY.equals(onExceeded);
        }
    }
}
