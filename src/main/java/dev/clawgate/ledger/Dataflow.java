package dev.clawgate.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * "What left this machine, to where": the ledger summarised per destination, as the JSON both
 * {@code clawgate dataflow --json} and {@code /clawgate/api/dataflow} print (one object per destination), and as
 * the CLI's table with totals.
 */
public final class Dataflow {

    private Dataflow() {}

    /**
     * A {@code --since} value: {@code 24h}, {@code 7d}, {@code 30m} (a number and a unit: m, h, d).
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static java.time.Duration parseSince(String text) {
        java.time.Duration period = relativePeriod(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (period == null || period.isZero()) {
            throw new IllegalArgumentException("--since '" + text + "' is not a period: use a number and m, h or d"
                    + " (30m, 24h, 7d)");
        }
        return period;
    }

    private static final java.util.regex.Pattern RELATIVE = java.util.regex.Pattern.compile("([0-9]{1,6})([mhd])");

    /** {@code 30m}, {@code 24h}, {@code 7d} as a duration (zero allowed); null for any other text. */
    static java.time.Duration relativePeriod(String text) {
        java.util.regex.Matcher m = RELATIVE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
    }

    /** One object per destination: {@code {provider, host, region, requests, bytesSent, ...}}. */
    public static ArrayNode json(List<DataflowRow> rows) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (DataflowRow r : rows) {
            out.addObject().put("provider", r.provider()).put("host", r.host()).put("region", r.region())
                    .put("requests", r.requests()).put("bytesSent", r.bytesSent())
                    .put("bytesReceived", r.bytesReceived()).put("tokensIn", r.tokensIn())
                    .put("tokensOut", r.tokensOut()).put("costUsd", r.costUsd());
        }
        return out;
    }

    /** The sum of every row. */
    public static DataflowRow totals(List<DataflowRow> rows) {
        DataflowRow total = new DataflowRow("total", "", "", 0, 0, 0, 0, 0, BigDecimal.ZERO);
        for (DataflowRow r : rows) {
            total = total.plus(r);
        }
        return total;
    }

    /** A fixed-width table, one line per destination and a totals line. */
    public static String table(List<DataflowRow> rows, String period) {
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            return "No upstream contacts " + period + ".\n";
        }
        sb.append("Upstream contacts ").append(period).append(":\n");
        String format = "%-18s %-34s %-8s %8s %10s %10s %10s %10s %10s%n";
        sb.append(String.format(Locale.ROOT, format, "PROVIDER", "HOST", "REGION", "REQUESTS", "SENT", "RECEIVED",
                "TOKENS IN", "TOKENS OUT", "COST USD"));
        for (DataflowRow r : rows) {
            line(sb, format, r);
        }
        line(sb, format, totals(rows));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String format, DataflowRow r) {
        sb.append(String.format(Locale.ROOT, format, r.provider(), r.host(), r.region(), r.requests(),
                bytes(r.bytesSent()), bytes(r.bytesReceived()), r.tokensIn(), r.tokensOut(),
                r.costUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()));
    }

    /** {@code 812 B}, {@code 4.2 KB}, {@code 1.3 MB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
}
