package dev.clawgate.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds every {@code budget} object: {@code gateway.budget}, {@code agents.defaults.budget} and
 * {@code agents.list[].budget}. The sections' own binders accept the key; this reads it, so that budget
 * rules stay in one place.
 */
final class BudgetsBinder {

    private static final List<String> BUDGET_KEYS = List.of("daily", "monthly", "onExceeded", "timezone");

    private BudgetsBinder() {}

    static BudgetsConfig bind(ObjectFields root) {
        if (root == null) {
            return null;
        }
        ObjectFields gateway = objectOrNull(root, "gateway");
        ObjectFields agents = objectOrNull(root, "agents");
        ObjectFields defaults = agents == null ? null : objectOrNull(agents, "defaults");
        Map<String, BudgetsConfig.Budget> perAgent = new LinkedHashMap<>();
        if (agents != null && agents.raw("list") != null && agents.raw("list").isArray()) {
            var list = agents.raw("list");
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject() || !list.get(i).path("id").isTextual()) {
                    continue; // the agents binder reports it
                }
                ObjectFields agent = ObjectFields.of(list.get(i), ConfigPaths.index(agents.pathOf("list"), i), root.ctx());
                BudgetsConfig.Budget budget = budget(agent);
                if (budget != null) {
                    perAgent.put(list.get(i).get("id").textValue(), budget);
                }
            }
        }
        BudgetsConfig.Budget g = gateway == null ? null : budget(gateway);
        BudgetsConfig.Budget d = defaults == null ? null : budget(defaults);
        return g == null && d == null && perAgent.isEmpty() ? null : new BudgetsConfig(g, d, perAgent);
    }

    /** The object under {@code key} when it is one; a wrong type is the section binder's to report. */
    private static ObjectFields objectOrNull(ObjectFields parent, String key) {
        return parent.raw(key) != null && parent.raw(key).isObject() ? parent.object(key) : null;
    }

    static BudgetsConfig.Budget budget(ObjectFields parent) {
        ObjectFields b = parent.object("budget");
        if (b == null) {
            return null;
        }
        b.checkKeys(BUDGET_KEYS);
        Double daily = b.nonNegativeNumber("daily");
        Double monthly = b.nonNegativeNumber("monthly");
        String onExceeded = b.oneOf("onExceeded", List.of(BudgetsConfig.Budget.REFUSE,
                BudgetsConfig.Budget.LOCAL_ONLY), List.of());
        String timezone = b.nonEmptyString("timezone");
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                b.ctx().error(b.pathOf("timezone"), "unknown time zone '" + timezone + "'",
                        "use an IANA zone id such as \"Europe/Berlin\", or leave it out for UTC");
                timezone = null;
            }
        }
        if (daily == null && monthly == null && !b.has("daily") && !b.has("monthly")) {
            b.ctx().error(b.path(), "a budget needs a limit", "add daily: 5 or monthly: 100 (USD)");
        }
        return new BudgetsConfig.Budget(daily, monthly, onExceeded != null ? onExceeded : BudgetsConfig.Budget.REFUSE,
                timezone);
    }
}
