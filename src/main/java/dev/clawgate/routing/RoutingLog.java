package dev.clawgate.routing;

import dev.clawgate.wire.FailureClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's structured log: one {@code model_fallback_decision} event per decision with key-value
 * pairs (decision, candidate, attempt n/total, class, status, duration ms, next candidate). Skips, failures,
 * retries, stops and successes after a fallback are INFO or WARN; a first-candidate success is DEBUG. Messages are
 * the upstream's trimmed text, which never holds credentials; request bodies and headers are never logged.
 */
final class RoutingLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.routing.decisions");

    void skipped(String candidate, int attempt, int total, String reason, String next) {
        LOG.atInfo().setMessage("model_fallback_decision")
                .addKeyValue("decision", "skip_candidate")
                .addKeyValue("candidate", candidate)
                .addKeyValue("attempt", attempt + "/" + total)
                .addKeyValue("reason", reason)
                .addKeyValue("next", next)
                .log();
    }

    void failed(String candidate, int attempt, int total, FailureClass failure, int status, long durationMs,
            String message, String next) {
        LOG.atWarn().setMessage("model_fallback_decision")
                .addKeyValue("decision", "candidate_failed")
                .addKeyValue("candidate", candidate)
                .addKeyValue("attempt", attempt + "/" + total)
                .addKeyValue("class", failure.label())
                .addKeyValue("status", status)
                .addKeyValue("durationMs", durationMs)
                .addKeyValue("error", message)
                .addKeyValue("next", next)
                .log();
    }

    /**
     * A success on the first candidate is the ordinary per-request outcome, at DEBUG (an INFO line per request
     * cost 2-4 % of a request's CPU, issue 17); a success after a skip or failure, or a cooled-down candidate's
     * probe, is a routing decision worth keeping at INFO.
     */
    void succeeded(String candidate, int attempt, int total, long durationMs, boolean probe) {
        boolean decision = probe || attempt > 1;
        if (!decision && !LOG.isDebugEnabled()) {
            return;
        }
        (decision ? LOG.atInfo() : LOG.atDebug()).setMessage("model_fallback_decision")
                .addKeyValue("decision", probe ? "probe_succeeded" : "candidate_succeeded")
                .addKeyValue("candidate", candidate)
                .addKeyValue("attempt", attempt + "/" + total)
                .addKeyValue("durationMs", durationMs)
                .log();
    }

    void retrying(String candidate, int attempt, int total, long waitMs) {
        LOG.atInfo().setMessage("model_fallback_decision")
                .addKeyValue("decision", "retry_after_wait")
                .addKeyValue("candidate", candidate)
                .addKeyValue("attempt", attempt + "/" + total)
                .addKeyValue("waitMs", waitMs)
                .log();
    }

    void stopped(String candidate, int attempt, int total, FailureClass failure, int status, String message) {
        LOG.atInfo().setMessage("model_fallback_decision")
                .addKeyValue("decision", "chain_stopped")
                .addKeyValue("candidate", candidate)
                .addKeyValue("attempt", attempt + "/" + total)
                .addKeyValue("class", failure.label())
                .addKeyValue("status", status)
                .addKeyValue("error", message)
                .log();
    }

    void midStreamFailure(String model, FailureClass failure, String message, long eventsPassed) {
        LOG.atWarn().setMessage("model_stream_failed")
                .addKeyValue("model", model)
                .addKeyValue("class", failure.label())
                .addKeyValue("eventsPassed", eventsPassed)
                .addKeyValue("error", message)
                .log();
    }
}
