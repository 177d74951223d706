package dev.clawgate.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The ledger's answered model calls summed per agent, client key, model or provider: the rows of
 * {@code clawgate usage --by}. Every call is in the ledger, free or priced; a plain API call counts for the
 * default agent, as its budget does.
 */
public final class UsageGroups {

    /** What to group by; the agent of a plain API call (none recorded) is the default agent. */
    public enum By {
        AGENT((e, defaultAgent) -> e.agentId() != null ? e.agentId() : defaultAgent),
        KEY((e, defaultAgent) -> e.keyId()),
        MODEL((e, defaultAgent) -> e.model()),
        PROVIDER((e, defaultAgent) -> e.provider());

        private final BiFunction<LedgerEntry, String, String> field;

        By(BiFunction<LedgerEntry, String, String> field) {
            this.field = field;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One group's totals; {@code group} is {@code -} for calls without one (the gateway token has no key). */
    public record Row(String by, String group, long requests, long tokensIn, long tokensOut, BigDecimal costUsd) {

        /** {@code { by, group, requests, tokensIn, tokensOut, costUsd }}. */
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("by", by).put("group", group).put("requests", requests).put("tokensIn", tokensIn)
                    .put("tokensOut", tokensOut).put("costUsd", costUsd.doubleValue());
            return o;
        }
    }

    private UsageGroups() {}

    /**
     * Sums the answered model calls among {@code contacts} (outcome {@code ok}; {@code count_tokens} is not a
     * model call) per group, the most expensive group first (then by name).
     */
    public static List<Row> of(List<LedgerEntry> contacts, By by, String defaultAgent) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (LedgerEntry c : contacts) {
            if (!"ok".equals(c.outcome()) || "count_tokens".equals(c.kind())) {
                continue;
            }
            String group = by.field.apply(c, defaultAgent);
            String name = group == null || group.isBlank() ? "-" : group;
            long[] n = counts.computeIfAbsent(name, k -> new long[3]);
            n[0]++;
            n[1] += c.tokensIn();
            n[2] += c.tokensOut();
            costs.merge(name, c.costUsd(), BigDecimal::add);
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((group, n) -> rows.add(new Row(by.label(), group, n[0], n[1], n[2], costs.get(group))));
        rows.sort((a, b) -> a.costUsd().compareTo(b.costUsd()) != 0 ? b.costUsd().compareTo(a.costUsd())
                : a.group().compareTo(b.group()));
        return rows;
    }

    /**
     * The start of a {@code --since} window: {@code 30m}, {@code 24h}, {@code 7d} back from {@code now}, a date
     * ({@code 2026-12-01}, from its start in UTC) or an instant ({@code 2026-12-01T08:00:00Z}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant since(String text, Instant now) {
        String s = text.strip();
        Duration back = Dataflow.relativePeriod(s);
        if (back != null) {
            return now.minus(back);
        }
        try {
            return s.contains("T") ? Instant.parse(s) : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since '" + text + "' is not a time: use 30m, 24h, 7d, a date such as"
                    + " 2026-12-01 (UTC) or an instant such as 2026-12-01T08:00:00Z");
        }
    }
}
