package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import java.util.List;

/**
 * The stream of the candidate that answered. Its first event has already been read from the upstream (so
 * that failover could happen before it), and is returned by the first {@link #next()}.
 */
public final class RoutedStream implements EventStream {

    private final ModelSpec model;
    private final List<Attempt> attempts;
    private final EventStream upstream;
    private StreamEvent first;

    public RoutedStream(ModelSpec model, List<Attempt> attempts, StreamEvent first, EventStream upstream) {
        this.model = model;
        this.attempts = List.copyOf(attempts);
        this.first = first;
        this.upstream = upstream;
    }

    /** The model that is answering. */
    public ModelSpec model() {
        return model;
    }

    /** Every candidate tried or skipped before and including the one answering, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** True when the answering model is not the first candidate of the chain. */
    public boolean fellBack() {
        // Compared by reference, not by count: a same-model retry after a short Retry-After adds an
        // attempt without falling back.
        return !attempts.isEmpty() && !attempts.get(0).modelRef().equals(model.ref());
    }

    @Override
    public StreamEvent next() {
        if (first != null) {
            StreamEvent e = first;
            first = null;
            return e;
        }
        return upstream.next();
    }

    @Override
    public void close() {
        upstream.close();
    }
}
