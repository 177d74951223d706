package dev.clawgate.agent;

import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.routing.RoutedStream;
import dev.clawgate.usage.CostCalculator;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * One model call through the router, read to the end: the assembled response, the routed stream's facts
 * (who answered, after which attempts) and the usage-ledger row with its cost. Usage the upstream did not
 * report is estimated. The prompt estimate is returned too, so the caller can learn the ratio between the
 * upstream's count and ours.
 *
 * <p>The call belongs to its turn's {@link TurnAbort}: while it streams, aborting the turn closes it, and
 * any way the call then ends (the stream cut short, a cancelled route) comes out as
 * {@link TurnAbort.TurnAbortedException}, never as a short answer that could be stored as complete.
 */
record ModelCall(ChatResponse response, RoutedStream routed, UsageRecord usageRecord, BigDecimal cost,
        long estimatedPromptTokens) {

    static ModelCall run(ModelRouter router, ChatRequest request, RouteOptions options, TokenEstimator tokens,
            Clock clock, TurnAbort abort, Consumer<StreamEvent> onEvent) {
        long started = clock.millis();
        long estimate = tokens.estimatePromptTokens(request);
        abort.throwIfAborted();
        RoutedStream routed;
        try {
            routed = router.open(request, options);
        } catch (RuntimeException e) {
            throw abort.isAborted() ? new TurnAbort.TurnAbortedException() : e;
        }
        ChatResponse response;
        try (routed) {
            abort.track(routed);
            ChatResponse.Builder builder = new ChatResponse.Builder();
            for (StreamEvent e = routed.next(); e != null; e = routed.next()) {
                builder.accept(e); // throws on an in-stream error
                onEvent.accept(e);
            }
            abort.throwIfAborted(); // a stream closed by the abort ends early but cleanly
            response = builder.build();
        } catch (RuntimeException e) {
            throw abort.isAborted() ? new TurnAbort.TurnAbortedException() : e;
        } finally {
            abort.untrack(routed);
        }
        Usage usage = response.usage() != null ? response.usage() : tokens.estimate(request, response);
        BigDecimal cost = CostCalculator.totalUsd(usage, routed.model().cost());
        UsageRecord record = new UsageRecord(routed.model().ref(), usage, cost.doubleValue(),
                Math.max(0, clock.millis() - started), routed.fellBack(), fallbackReason(routed), null);
        return new ModelCall(response, routed, record, cost, estimate);
    }

    /** The attempts that failed before the answering one, or null when the first candidate answered. */
    static String fallbackReason(RoutedStream routed) {
        if (!routed.fellBack()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Attempt a : routed.attempts()) {
            if (a.succeeded()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(" | ");
            }
            sb.append(a.summary());
        }
        String reason = sb.toString();
        return reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
    }

    static Usage add(Usage a, Usage b) {
        return new Usage(a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens(),
                a.cacheReadTokens() + b.cacheReadTokens(), a.cacheWriteTokens() + b.cacheWriteTokens(),
                a.reasoningTokens() + b.reasoningTokens(), a.estimated() || b.estimated());
    }
}
