package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of {@code /status} and {@code /usage}. */
final class SessionReport {

    private SessionReport() {}

    /**
     * @param contextRequest what the next call would send without a new message (for "context used")
     * @param budget the session model's budget
     */
    static String status(AgentSpec agent, SessionRecord session, ModelSelection selection, ContextBudget budget,
            long contextTokens, List<UsageRecord> usage) {
        StringBuilder sb = new StringBuilder();
        sb.append("Agent: ").append(agent.id()).append(" · Session: ").append(session.key()).append('\n');
        sb.append("Model: ").append(selection.primary().ref());
        if (selection.pinned()) {
            sb.append(" (picked with /model; no fallbacks)");
        } else if (agent.chain().size() > 1) {
            sb.append(" (fallbacks: ").append(String.join(", ",
                    agent.chain().subList(1, agent.chain().size()).stream().map(ModelSpec::ref).toList())).append(')');
        }
        if (agent.dataPolicy().restricts()) {
            sb.append(" · privacy ").append(agent.dataPolicy().describe());
        }
        sb.append('\n');
        UsageRecord last = usage.isEmpty() ? null : usage.get(usage.size() - 1);
        sb.append("Fallback: ");
        if (last == null) {
            sb.append("no calls yet");
        } else if (last.fellBack()) {
            sb.append("on ").append(last.modelRef()).append(" (").append(last.fallbackReason()).append(')');
        } else {
            sb.append("none (last answer from ").append(last.modelRef()).append(')');
        }
        sb.append('\n');
        long pct = budget.window() == 0 ? 0 : Math.round(100.0 * contextTokens / budget.window());
        sb.append("Context: ").append(compact(contextTokens)).append('/').append(compact(budget.window()))
                .append(" (").append(pct).append("%) · Compactions: ").append(session.compactionCount()).append('\n');
        Usage total = Usage.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        for (UsageRecord u : usage) {
            total = ModelCall.add(total, u.usage());
            cost = cost.add(BigDecimal.valueOf(u.costUsd()));
        }
        sb.append("Tokens: ").append(total.totalInputTokens()).append(" in, ").append(total.outputTokens())
                .append(" out over ").append(usage.size()).append(" call").append(usage.size() == 1 ? "" : "s")
                .append(" · Cost: ").append(usd(cost));
        return sb.toString();
    }

    static String usage(SessionRecord session, List<UsageRecord> usage) {
        if (usage.isEmpty()) {
            return "Usage: no model calls in this session yet.";
        }
        record Row(int calls, Usage usage, BigDecimal cost) {}
        Map<String, Row> byModel = new LinkedHashMap<>();
        for (UsageRecord u : usage) {
            byModel.merge(u.modelRef(), new Row(1, u.usage(), BigDecimal.valueOf(u.costUsd())),
                    (a, b) -> new Row(a.calls() + b.calls(), ModelCall.add(a.usage(), b.usage()), a.cost().add(b.cost())));
        }
        StringBuilder sb = new StringBuilder("Usage of ").append(session.key()).append(":\n");
        Row total = new Row(0, Usage.ZERO, BigDecimal.ZERO);
        for (Map.Entry<String, Row> e : byModel.entrySet()) {
            Row r = e.getValue();
            sb.append(line(e.getKey(), r.calls(), r.usage(), r.cost()));
            total = new Row(total.calls() + r.calls(), ModelCall.add(total.usage(), r.usage()), total.cost().add(r.cost()));
        }
        sb.append(line("total", total.calls(), total.usage(), total.cost()));
        long fellBack = usage.stream().filter(UsageRecord::fellBack).count();
        if (fellBack > 0) {
            sb.append("Fallbacks: ").append(fellBack).append(" of ").append(usage.size()).append(" calls\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String line(String label, int calls, Usage u, BigDecimal cost) {
        return String.format(Locale.ROOT, "  %s: %d call%s, %d in, %d out%s, %s%n", label, calls, calls == 1 ? "" : "s",
                u.totalInputTokens(), u.outputTokens(), u.estimated() ? " (partly estimated)" : "", usd(cost));
    }

    static String usd(BigDecimal cost) {
        return "$" + cost.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** 1234 -> 1.2k. */
    static String compact(long tokens) {
        return tokens < 1000 ? Long.toString(tokens) : String.format(Locale.ROOT, "%.1fk", tokens / 1000.0);
    }

    static long estimate(ContextLimits limits, ModelSpec model, ChatRequest request) {
        return limits.correctedPromptTokens(model, request);
    }
}
