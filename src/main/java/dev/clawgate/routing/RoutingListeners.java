package dev.clawgate.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** The router's {@link RoutingListener}s, and the one place that tells them what a call decided. */
final class RoutingListeners {

    private final List<RoutingListener> listeners = new CopyOnWriteArrayList<>();

    void add(RoutingListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs one routing walk and tells every listener its outcome: the serving model, or the failure with the
     * attempts made until then. Without listeners, only runs it.
     */
    RoutedStream observe(Clock clock, String requested, RouteOptions options, Supplier<RoutedStream> walk,
            Supplier<List<Attempt>> attemptsSoFar) {
        if (listeners.isEmpty()) {
            return walk.get();
        }
        Instant started = clock.instant();
        try {
            RoutedStream answer = walk.get();
            tell(new RoutingDecision(started, requested, answer.model().ref(), answer.attempts(),
                    Duration.between(started, clock.instant()), null, options.agentId(), options.keyId()));
            return answer;
        } catch (RuntimeException e) {
            tell(new RoutingDecision(started, requested, null, attemptsSoFar.get(),
                    Duration.between(started, clock.instant()), e.getMessage(), options.agentId(),
                    options.keyId()));
            throw e;
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
