package dev.clawgate.budget;

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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Settled calls summed per agent, client key, model or provider: the rows of {@code clawgate usage --by}. */
public final class UsageGroups {

    /** What to group by. */
    public enum By {
        AGENT(UsageRecord::agent), KEY(UsageRecord::key), MODEL(UsageRecord::model), PROVIDER(UsageRecord::provider);

        private final Function<UsageRecord, String> field;

        By(Function<UsageRecord, String> field) {
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

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([mhd])");

    private UsageGroups() {}

    /** Sums {@code calls} per group, the most expensive group first (then by name). */
    public static List<Row> of(List<UsageRecord> calls, By by) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (UsageRecord c : calls) {
            String group = by.field.apply(c);
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
        Matcher m = RELATIVE.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return s.contains("T") ? Instant.parse(s) : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since '" + text + "' is not a time: use 30m, 24h, 7d, a date such as"
                    + " 2026-12-01 (UTC) or an instant such as 2026-12-01T08:00:00Z");
        }
    }
}
