package dev.clawgate.console;

import dev.clawgate.routing.RoutingDecision;
import dev.clawgate.routing.RoutingListener;
import dev.clawgate.state.EventFeed;
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
 * get each new one as it happens. With {@link #share} it publishes its decisions to the other instances and
 * takes in theirs, so every instance's UI shows the whole cluster's traffic.
 */
final class DecisionFeed implements RoutingListener {

    static final int CAPACITY = 5000;
    static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final ArrayDeque<RoutingDecision> recent = new ArrayDeque<>(); // oldest first, in time order
    private final List<Consumer<RoutingDecision>> subscribers = new CopyOnWriteArrayList<>();
    private volatile EventFeed shared;
    /** By serving model: the whole duration of its last answer (a local figure: other instances send none). */
    private final java.util.Map<String, Completed> lastCompleted = new java.util.concurrent.ConcurrentHashMap<>();

    DecisionFeed(Clock clock) {
        this.clock = clock;
    }

    /** Publishes this instance's decisions on {@code feed} and adds the other instances' as they arrive. */
    void share(EventFeed feed) {
        if (!feed.reachesOthers()) { // one instance: encoding each decision as JSON would feed nobody
            return;
        }
        this.shared = feed;
        feed.subscribe(json -> {
            RoutingDecision d = DecisionCodec.decode(json);
            if (d != null) {
                add(d);
            }
        });
    }

    /** A served call of this instance whose answer has ended, and how long the whole call took. */
    record Completed(RoutingDecision decision, Duration total) {}

    @Override
    public void completed(RoutingDecision decision, Duration total) {
        if (decision.served() != null) {
            lastCompleted.put(decision.served(), new Completed(decision, total));
        }
    }

    /** The last call {@code modelRef} served on this instance whose answer has ended, if any. */
    java.util.Optional<Completed> lastCompleted(String modelRef) {
        return java.util.Optional.ofNullable(lastCompleted.get(modelRef));
    }

    @Override
    public void decided(RoutingDecision decision) {
        add(decision);
        EventFeed feed = shared;
        if (feed != null) {
            feed.publish(DecisionCodec.encode(decision));
        }
    }

    private void add(RoutingDecision decision) {
        synchronized (recent) {
            insertInTimeOrder(decision);
            trim(clock.instant());
        }
        for (Consumer<RoutingDecision> s : subscribers) {
            s.accept(decision);
        }
    }

    /**
     * Appends, unless the decision is older than the newest held: the other instances' history, replayed when this
     * one starts or reconnects, goes before what this instance decided meanwhile. Walks back over those only.
     */
    private void insertInTimeOrder(RoutingDecision decision) {
        if (recent.isEmpty() || !recent.peekLast().at().isAfter(decision.at())) {
            recent.addLast(decision);
            return;
        }
        ArrayDeque<RoutingDecision> newer = new ArrayDeque<>();
        while (!recent.isEmpty() && recent.peekLast().at().isAfter(decision.at())) {
            newer.addFirst(recent.removeLast());
        }
        recent.addLast(decision);
        recent.addAll(newer);
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
