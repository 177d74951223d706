package dev.clawgate.console;

import dev.clawgate.routing.RoutingDecision;
import dev.clawgate.routing.RoutingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The router's recent decisions: the last hour, at most {@link #CAPACITY} of them, newest last, for the
 * overview's counts, the routing feed and the log tail; and the live subscribers (event streams) that
 * get each new one as it happens.
 */
final class DecisionFeed implements RoutingListener {

    static final int CAPACITY = 5000;
    static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final ArrayDeque<RoutingDecision> recent = new ArrayDeque<>();
    private final List<Consumer<RoutingDecision>> subscribers = new CopyOnWriteArrayList<>();

    DecisionFeed(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void decided(RoutingDecision decision) {
        synchronized (recent) {
            recent.addLast(decision);
            trim(clock.instant());
        }
        for (Consumer<RoutingDecision> s : subscribers) {
            s.accept(decision);
        }
    }

    /** Decisions of the last hour, oldest first. */
    List<RoutingDecision> lastHour() {
        synchronized (recent) {
            trim(clock.instant());
            return new ArrayList<>(recent);
        }
    }

    /** Decisions since {@code from}, oldest first. */
    List<RoutingDecision> since(Instant from) {
        return lastHour().stream().filter(d -> !d.at().isBefore(from)).toList();
    }

    Runnable subscribe(Consumer<RoutingDecision> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void trim(Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!recent.isEmpty() && (recent.size() > CAPACITY || recent.peekFirst().at().isBefore(cutoff))) {
            recent.removeFirst();
        }
    }
}
