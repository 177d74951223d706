package dev.clawgate.routing;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** The router's {@link RoutingListener}s, and the one place that tells them what a call decided. */
final class RoutingListeners {

    private final List<RoutingListener> listeners = new CopyOnWriteArrayList<>();

    void add(RoutingListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs one routing walk and tells every listener its outcome: the serving model, or the failure with the
     * attempts made until then; and, for a served call, when its answer has ended
     * ({@link RoutingListener#completed}). Without listeners, only runs it.
     */
    RoutedStream observe(Clock clock, String requested, RouteOptions options, Supplier<RoutedStream> walk,
            Supplier<List<Attempt>> attemptsSoFar) {
        if (listeners.isEmpty()) {
            return walk.get();
        }
        Instant started = clock.instant();
        try {
            RoutedStream answer = walk.get();
            RoutingDecision decision = new RoutingDecision(started, requested, answer.model().ref(), answer.attempts(),
                    Duration.between(started, clock.instant()), null, options.agentId(), options.keyId());
            tell(decision);
            return new RoutedStream(answer.model(), answer.attempts(), null,
                    new Completion(answer, () -> completed(decision, Duration.between(started, clock.instant()))));
        } catch (RuntimeException e) {
            tell(new RoutingDecision(started, requested, null, attemptsSoFar.get(),
                    Duration.between(started, clock.instant()), e.getMessage(), options.agentId(),
                    options.keyId()));
            throw e;
        }
    }

    private void completed(RoutingDecision decision, Duration total) {
        for (RoutingListener l : listeners) {
            try {
                l.completed(decision, total);
            } catch (RuntimeException ignored) {
                // an observer's bug must not fail the request it observes
            }
        }
    }

    /**
     * An answer that runs {@code onEnd} once: at its stop event or its end, at a failure while reading it, or when
     * it is closed, whichever comes first.
     */
    private static final class Completion implements EventStream {
        private final EventStream answer;
        private final Runnable onEnd;
        private final AtomicBoolean ended = new AtomicBoolean();

        Completion(EventStream answer, Runnable onEnd) {
            this.answer = answer;
            this.onEnd = onEnd;
        }

        @Override
        public StreamEvent next() {
            StreamEvent event;
            try {
                event = answer.next();
            } catch (RuntimeException e) {
                end();
                throw e;
            }
            if (event == null || event instanceof StreamEvent.Stop) {
                end();
            }
            return event;
        }

        @Override
        public void close() {
            try {
                answer.close();
            } finally {
                end();
            }
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                onEnd.run();
            }
        }
    }

    private void tell(RoutingDecision decision) {
        for (RoutingListener l : listeners) {
            try {
                l.decided(decision);
            } catch (RuntimeException ignored) {
                // an observer's bug must not fail the request it observes
            }
        }
    }
}
