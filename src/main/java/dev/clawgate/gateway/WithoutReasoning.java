package dev.clawgate.gateway;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;

/** An event stream with the reasoning events left out: {@code gateway.reasoning: "drop"}. */
final class WithoutReasoning implements EventStream {

    private final EventStream upstream;

    WithoutReasoning(EventStream upstream) {
        this.upstream = upstream;
    }

    @Override
    public StreamEvent next() {
        // bounded by the upstream: every reasoning event skipped is one consumed from it
        for (StreamEvent e = upstream.next(); e != null; e = upstream.next()) {
            if (!(e instanceof StreamEvent.ReasoningDelta) && !(e instanceof StreamEvent.ReasoningSignature)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() {
        upstream.close();
    }
}
