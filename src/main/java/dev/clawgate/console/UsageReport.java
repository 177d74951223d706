package dev.clawgate.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Tokens and cost over time from the usage ledger (one row per model request an agent made) and the direct
 * API calls (agent {@value #DIRECT}), bucketed and split per model, agent and provider. Rows whose usage the upstream did not report are counted as
 * estimated; models on a local server are marked free.
 */
final class UsageReport {

    /** The most rows listed individually; the series always cover every row. */
    static final int MAX_ROWS = 500;

    private record Row(Instant at, String agent, String session, UsageRecord usage) {}

    /** The "agent" of a call made straight through the inbound APIs. */
    static final String DIRECT = "direct /v1";

    private UsageReport() {}

    static ObjectNode build(SessionStore store, List<UsageRecord> direct, ModelCatalog catalog, Clock clock,
            Duration window) {
        Instant now = clock.instant();
        Instant from = now.minus(window);
        long bucketSeconds = Math.max(60, window.toSeconds() / 48);
        List<Row> rows = new ArrayList<>();
        for (SessionRecord s : store.listSessions(null)) {
            if (s.updatedAt() != null && s.updatedAt().isBefore(from)) {
                continue; // untouched since before the window: none of its usage is in it
            }
            for (UsageRecord u : store.usage(s.key())) {
                if (u.createdAt() != null && !u.createdAt().isBefore(from)) {
                    rows.add(new Row(u.createdAt(), s.agentId(), s.key(), u));
                }
            }
        }
        for (UsageRecord u : direct) {
            if (!u.createdAt().isBefore(from)) {
                rows.add(new Row(u.createdAt(), DIRECT, null, u));
            }
        }
        rows.sort(Comparator.comparing(Row::at));
        Map<String, Boolean> local = new LinkedHashMap<>();
        for (ModelSpec m : catalog.modelsInUse()) {
            local.put(m.ref(), m.provider().isLocal());
        }
        ObjectNode root = ConsoleJson.object();
        root.put("from", from.toString());
        root.put("to", now.toString());
        root.put("bucketSeconds", bucketSeconds);
        long firstBucket = from.getEpochSecond() / bucketSeconds;
        int buckets = (int) (now.getEpochSecond() / bucketSeconds - firstBucket + 1);
        ArrayNode times = root.putArray("buckets");
        for (int i = 0; i < buckets; i++) {
            times.add((firstBucket + i) * bucketSeconds);
        }
        ObjectNode series = root.putObject("series");
        series.set("model", split(rows, r -> r.usage().modelRef(), firstBucket, bucketSeconds, buckets));
        series.set("agent", split(rows, Row::agent, firstBucket, bucketSeconds, buckets));
        series.set("provider", split(rows, r -> providerOf(r.usage().modelRef()), firstBucket, bucketSeconds, buckets));
        ObjectNode totals = root.putObject("totals");
        totals.put("requests", rows.size());
        totals.put("tokens", rows.stream().mapToLong(r -> r.usage().usage().totalTokens()).sum());
        totals.put("costUsd", rows.stream().mapToDouble(r -> r.usage().costUsd()).sum());
        totals.put("estimatedRequests", rows.stream().filter(r -> r.usage().usage().estimated()).count());
        ArrayNode list = root.putArray("rows");
        for (Row r : rows.subList(Math.max(0, rows.size() - MAX_ROWS), rows.size()).reversed()) {
            UsageRecord u = r.usage();
            list.addObject().put("at", r.at().toString()).put("agent", r.agent()).put("session", r.session())
                    .put("model", u.modelRef()).put("provider", providerOf(u.modelRef()))
                    .put("local", local.getOrDefault(u.modelRef(), false))
                    .put("inputTokens", u.usage().totalInputTokens()).put("outputTokens", u.usage().outputTokens())
                    .put("estimated", u.usage().estimated()).put("costUsd", u.costUsd())
                    .put("durationMs", u.durationMs()).put("fellBack", u.fellBack())
                    .put("fallbackReason", u.fallbackReason());
        }
        return root;
    }

    /** {@code {name: {tokens: [...], costUsd: [...], estimated: n}}} with one value per bucket. */
    private static ObjectNode split(List<Row> rows, Function<Row, String> key, long firstBucket, long bucketSeconds,
            int buckets) {
        Map<String, long[]> tokens = new TreeMap<>();
        Map<String, double[]> cost = new TreeMap<>();
        Map<String, Integer> estimated = new TreeMap<>();
        for (Row r : rows) {
            String k = key.apply(r) != null ? key.apply(r) : "(none)";
            int i = (int) Math.min(buckets - 1, Math.max(0, r.at().getEpochSecond() / bucketSeconds - firstBucket));
            tokens.computeIfAbsent(k, x -> new long[buckets])[i] += r.usage().usage().totalTokens();
            cost.computeIfAbsent(k, x -> new double[buckets])[i] += r.usage().costUsd();
            if (r.usage().usage().estimated()) {
                estimated.merge(k, 1, Integer::sum);
            }
        }
        ObjectNode out = ConsoleJson.object();
        tokens.forEach((k, t) -> {
            ObjectNode s = out.putObject(k);
            ArrayNode ta = s.putArray("tokens");
            for (long v : t) {
                ta.add(v);
            }
            ArrayNode ca = s.putArray("costUsd");
            for (double v : cost.get(k)) {
                ca.add(v);
            }
            s.put("estimatedRequests", estimated.getOrDefault(k, 0));
        });
        return out;
    }

    private static String providerOf(String ref) {
        int slash = ref.indexOf('/');
        return slash > 0 ? ref.substring(0, slash) : ref;
    }
}
