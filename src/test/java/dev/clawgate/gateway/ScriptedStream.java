package dev.clawgate.gateway;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake upstream stream: plays events in order. A {@link CountDownLatch} step blocks until released (or
 * until the stream is closed, which is how a cancelled upstream behaves); an {@link UpstreamException} step
 * is thrown. {@link #closed} counts down on close.
 */
final class ScriptedStream implements EventStream {

    final CountDownLatch closed = new CountDownLatch(1);
    /** Counts down when a gate step starts waiting: the relay has taken every event before it. */
    final CountDownLatch reachedGate = new CountDownLatch(1);
    private final List<Object> steps;
    private final List<CountDownLatch> gates = new ArrayList<>();
    private int position;

    ScriptedStream(Object... steps) {
        this.steps = List.of(steps);
        for (Object s : steps) {
            if (s instanceof CountDownLatch g) {
                gates.add(g);
            }
        }
    }

    @Override
    public StreamEvent next() {
        while (position < steps.size()) {
            Object step = steps.get(position++);
            if (step instanceof StreamEvent e) {
                return e;
            }
            if (step instanceof UpstreamException e) {
                throw e;
            }
            if (step instanceof CountDownLatch gate) {
                reachedGate.countDown();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new UpstreamException(FailureClass.IDLE_TIMEOUT, "test gate never opened");
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UpstreamException(FailureClass.CLIENT_CANCELLED, "interrupted");
                }
                if (closed.getCount() == 0) {
                    throw new UpstreamException(FailureClass.CLIENT_CANCELLED, "stream closed");
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed.countDown();
        gates.forEach(CountDownLatch::countDown); // a cancelled upstream stops waiting
    }
}
