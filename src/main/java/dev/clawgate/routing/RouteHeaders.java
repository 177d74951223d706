package dev.clawgate.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The response headers that tell an HTTP client which model answered and why (OpenClaw gave clients no
 * way to know). Values are ASCII tokens; no messages, so nothing an upstream said can leak or break a
 * header.
 */
public final class RouteHeaders {

    public static final String MODEL = "x-clawgate-model";
    public static final String ATTEMPTS = "x-clawgate-attempts";
    public static final String FALLBACK_REASON = "x-clawgate-fallback-reason";

    private RouteHeaders() {}

    /**
     * {@code x-clawgate-model: anthropic/claude-sonnet-4-5},
     * {@code x-clawgate-attempts: lmstudio/minimax-m2.1-gs32=connection-refused,anthropic/claude-sonnet-4-5=ok},
     * and {@code x-clawgate-fallback-reason: connection-refused} only when the answer came from a fallback.
     */
    public static Map<String, String> of(RoutedStream routed) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MODEL, routed.model().ref());
        headers.put(ATTEMPTS, attempts(routed.attempts()));
        if (routed.fellBack()) {
            headers.put(FALLBACK_REASON, firstFailureLabel(routed.attempts()));
        }
        return headers;
    }

    /** {@code a/m=connection-refused,b/m=ok}: every candidate and what became of it. */
    public static String attempts(List<Attempt> attempts) {
        return attempts.stream().map(a -> a.modelRef() + "=" + outcome(a)).collect(Collectors.joining(","));
    }

    /**
     * {@code ok}, the failure label, {@code skipped-<label>}, {@code skipped-budget} or
     * {@code skipped-not-local} ({@code privacy: "local-only"}), {@code skipped-data-policy} (outside the
     * policy's regions); a
     * recovery probe of a cooling model is marked {@code probe-ok} / {@code probe-<label>}.
     */
    static String outcome(Attempt a) {
        if (a.probe()) {
            return "probe-" + (a.succeeded() ? "ok" : a.failure().label());
        }
        if (a.succeeded()) {
            return "ok";
        }
        if (a.skipped() && a.overBudget()) {
            return "skipped-budget";
        }
        if (a.skipped()) {
            return a.failure() != null ? "skipped-" + a.failure().label() : "skipped-" + policyLabel(a);
        }
        return a.failure().label();
    }

    /** {@code not-local} for a {@code local-only} skip, {@code data-policy} for one outside a region list. */
    private static String policyLabel(Attempt a) {
        return a.message() != null && a.message().startsWith("privacy local-only") ? "not-local" : "data-policy";
    }

    /** The class label of the first attempt that did not answer, or {@code unknown}. */
    static String firstFailureLabel(List<Attempt> attempts) {
        for (Attempt a : attempts) {
            if (!a.succeeded()) {
                return a.overBudget() ? "budget" : a.failure() != null ? a.failure().label() : policyLabel(a);
            }
        }
        return "unknown";
    }
}
