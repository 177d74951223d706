package dev.clawgate.routing;

import dev.clawgate.budget.Budgets;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;

/**
 * Passes the answering stream through and settles its budget reservation when the stream ends: to the
 * upstream's reported usage, else to an estimate (the prompt estimate and the output counted as it passed);
 * released when the call ended before any output.
 */
final class BudgetSettlingStream implements EventStream {

    private final EventStream upstream;
    private final Budgets.Reservation reservation;
    private final java.util.function.LongSupplier promptTokens; // estimated only when the upstream reports no usage
    private final TokenEstimator.Counter output = TokenEstimator.shared().counter();
    private Usage reported;
    private boolean produced;

    BudgetSettlingStream(EventStream upstream, Budgets.Reservation reservation, java.util.function.LongSupplier promptTokens) {
        this.upstream = upstream;
        this.reservation = reservation;
        this.promptTokens = promptTokens;
    }

    /** Also called for the head event the router read before handing the stream on. */
    StreamEvent observe(StreamEvent event) {
        switch (event) {
            case StreamEvent.UsageReport u -> reported = u.usage();
            case StreamEvent.TextDelta t -> count(t.text());
            case StreamEvent.ReasoningDelta r -> count(r.text());
            case StreamEvent.ToolCallStart s -> count(s.name());
            case StreamEvent.ToolCallDelta d -> count(d.argumentsFragment());
            case null, default -> { }
        }
        return event;
    }

    private void count(String text) {
        produced = true;
        output.append(text);
    }

    @Override
    public StreamEvent next() {
        StreamEvent event;
        try {
            event = upstream.next();
        } catch (RuntimeException e) {
            settle();
            throw e;
        }
        observe(event);
        if (event == null || event instanceof StreamEvent.Stop || event instanceof StreamEvent.Error) {
            settle();
        }
        return event;
    }

    @Override
    public void close() {
        try {
            upstream.close();
        } finally {
            settle();
        }
    }

    private void settle() {
        if (reported != null) {
            reservation.settle(reported);
        } else if (produced) {
            reservation.settle(new Usage(promptTokens.getAsLong(), output.tokens(), 0, 0, 0, true));
        } else {
            reservation.release();
        }
    }
}
