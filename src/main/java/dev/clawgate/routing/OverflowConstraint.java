package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;

/**
 * What a context overflow rules out for the rest of a chain: only a model with a larger window than the
 * one that overflowed (and, when the server said how many tokens the request needs, at least that many)
 * is worth trying; a smaller one would fail worse. The server's own window wins over the catalog's, since
 * LM Studio may have loaded the model with less context than the catalog says.
 */
final class OverflowConstraint {

    private int window = -1;
    private int requested = -1;

    boolean active() {
        return window >= 0;
    }

    int window() {
        return window;
    }

    /** Takes in an overflow of {@code model}; returns the window it really had. */
    int record(ModelSpec model, UpstreamException overflow) {
        ContextOverflowDetails details = ContextOverflowDetails.parse(overflow.getMessage());
        int had = details.window().orElse(model.effectiveContextWindow());
        window = Math.max(window, had);
        details.requested().ifPresent(r -> requested = Math.max(requested, r));
        return had;
    }

    boolean admits(ModelSpec model) {
        int w = model.effectiveContextWindow();
        return w > window && (requested < 0 || w >= requested);
    }

    /** The error for the client when no later candidate is large enough. */
    UpstreamException exhausted(ModelSpec model, int had, UpstreamException overflow) {
        String need = requested > 0
                ? "the request needs " + requested + " tokens but " + model.ref() + "'s context window is " + had + " tokens"
                : "the request does not fit " + model.ref() + "'s context window of " + had + " tokens";
        return new UpstreamException(FailureClass.CONTEXT_OVERFLOW, overflow.status(), "Context overflow: " + need
                + ", and no fallback has a larger window (upstream: " + overflow.getMessage() + ")", null, overflow);
    }
}
