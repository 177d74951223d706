package dev.clawgate.routing;

import dev.clawgate.wire.FailureClass;
import java.time.Duration;

/**
 * One candidate tried (or skipped) for a call.
 *
 * @param modelRef {@code provider/model}
 * @param failure why it failed, or null when it answered
 * @param status the upstream's HTTP status, or 0
 * @param message the upstream's message or the reason it was skipped, or null on success
 * @param skipped true when the candidate was not contacted (cooling down, not local)
 * @param probe true when the contact was a cooling model's recovery probe
 * @param overBudget true when it was skipped because its worst-case cost did not fit a budget
 */
public record Attempt(String modelRef, FailureClass failure, int status, String message, Duration duration,
        boolean skipped, boolean probe, boolean overBudget) {

    public Attempt(String modelRef, FailureClass failure, int status, String message, Duration duration,
            boolean skipped, boolean probe) {
        this(modelRef, failure, status, message, duration, skipped, probe, false);
    }

    public Attempt(String modelRef, FailureClass failure, int status, String message, Duration duration,
            boolean skipped) {
        this(modelRef, failure, status, message, duration, skipped, false);
    }

    public boolean succeeded() {
        return failure == null && !skipped;
    }

    /** {@code lmstudio/m: connection refused} style, for summaries and headers. */
    public String summary() {
        if (succeeded()) {
            return modelRef + ": ok";
        }
        String what = skipped ? (overBudget ? "over budget" : "skipped") : failure.label();
        return modelRef + ": " + (status > 0 ? status + " " : "") + (message != null ? message : what)
                + (message != null && failure != null && !message.toLowerCase(java.util.Locale.ROOT).contains(failure.label().replace('-', ' ')) ? " (" + what + ")" : "");
    }
}
