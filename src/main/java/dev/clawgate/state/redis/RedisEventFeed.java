package dev.clawgate.state.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.state.EventFeed;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@link EventFeed} on Redis: each instance appends its events, tagged with its id, to the capped stream
 * {@code clawgate:event-history} (the last {@link #HISTORY} of them) and announces each on a channel in the same
 * script, so the channel message carries the event's stream id. The others hand what the channel brings to their
 * subscribers; a new subscriber (an instance that just started or restarted) first gets the last
 * {@link #HISTORY_WINDOW} of the history, and after an outage of its own connection an instance reads what it
 * missed from the history. Stream ids seen are remembered, so an event that both the channel and the history
 * bring is delivered once. While Redis is down an instance's feed shows its own events only, and it keeps the
 * last {@link #UNSENT} of them: they are appended and announced when Redis is back, so the others' feeds (which
 * keep time order) get them too.
 */
final class RedisEventFeed implements EventFeed {

    static final String CHANNEL = RedisLink.PREFIX + "events";
    static final String STREAM = RedisLink.PREFIX + "event-history";
    /** As many as a Control UI keeps (its hour of decisions is capped at 5000). */
    static final int HISTORY = 5000;
    /** A Control UI shows the last hour; older history is not replayed. */
    static final Duration HISTORY_WINDOW = Duration.ofHours(1);
    /** One round trip: the stream id of the appended event travels in the announcement, for de-duplication. */
    private static final String APPEND_AND_ANNOUNCE = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'from', ARGV[2], 'event', ARGV[3])
            redis.call('PUBLISH', KEYS[2], cjson.encode({id = id, from = ARGV[2], event = ARGV[3]}))
            return id""";
    /** Events kept while Redis is down, at most; an outage of an hour at a few requests a second keeps the end. */
    static final int UNSENT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink link;
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    /** Orders the channel's deliveries with the history's (a lock, not a monitor: it is held across a Redis read). */
    private final ReentrantLock lock = new ReentrantLock();
    /** Stream ids delivered, oldest first; bounded above what the capped history can hold ({@code ~} trims late). */
    private final Set<String> delivered = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 2 * HISTORY;
        }
    });

    /** This instance's events that Redis did not take, oldest first (guarded by itself). */
    private final ArrayDeque<String> unsent = new ArrayDeque<>();

    RedisEventFeed(RedisLink link) {
        this.link = link;
        link.subscribe(CHANNEL, this::received);
        link.onRecovered(this::sendUnsent);
        link.onRecovered(this::catchUp);
    }

    @Override
    public void publish(String json) {
        if (!send(json)) {
            synchronized (unsent) {
                if (unsent.size() == UNSENT) {
                    unsent.pollFirst();
                }
                unsent.addLast(json);
            }
        }
    }

    /** Appends and announces one event; false when Redis did not take it. */
    private boolean send(String json) {
        return link.call(r -> {
            r.eval(APPEND_AND_ANNOUNCE, ScriptOutputType.VALUE, new String[] {STREAM, CHANNEL},
                    Integer.toString(HISTORY), link.instanceId(), json);
            return true;
        }, () -> false);
    }

    /** Once Redis is back: what this instance published meanwhile, in order; what fails again stays kept. */
    private void sendUnsent() {
        while (true) {
            String next;
            synchronized (unsent) {
                next = unsent.peekFirst();
            }
            if (next == null || !send(next)) {
                return;
            }
            synchronized (unsent) {
                unsent.remove(next); // the first occurrence: the one just sent, unless the cap dropped it meanwhile
            }
        }
    }

    /** The new subscriber first gets the recent history of the other instances, oldest first. */
    @Override
    public Runnable subscribe(Consumer<String> events) {
        lock.lock(); // held across the read: an announcement that arrives meanwhile waits and is then recognised
        try {
            subscribers.add(events);
            for (StreamMessage<String, String> m : history()) {
                if (fromOthers(m)) { // already delivered: only the new subscriber has not seen it
                    deliver(m.getId(), m.getBody().get("event"), delivered.contains(m.getId()) ? List.of(events)
                            : subscribers);
                }
            }
        } finally {
            lock.unlock();
        }
        return () -> subscribers.remove(events);
    }

    /** After this instance could not hear the channel: what the others published meanwhile, from the history. */
    private void catchUp() {
        lock.lock();
        try {
            for (StreamMessage<String, String> m : history()) {
                if (fromOthers(m) && !delivered.contains(m.getId())) {
                    deliver(m.getId(), m.getBody().get("event"), subscribers);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private List<StreamMessage<String, String>> history() {
        long from = System.currentTimeMillis() - HISTORY_WINDOW.toMillis(); // stream ids start with Redis's clock
        return link.call(r -> r.xrange(STREAM, Range.from(Range.Boundary.including(from + "-0"),
                Range.Boundary.unbounded())), List::of);
    }

    private boolean fromOthers(StreamMessage<String, String> m) {
        return m.getBody().get("event") != null && !link.instanceId().equals(m.getBody().get("from"));
    }

    private void received(String message) {
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (IOException e) {
            return; // not an event of this version: skip it
        }
        if (link.instanceId().equals(m.path("from").asText()) || !m.hasNonNull("event")) {
            return;
        }
        String id = m.path("id").asText(null);
        lock.lock();
        try {
            if (id == null || !delivered.contains(id)) {
                deliver(id, m.get("event").asText(), subscribers);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called holding {@link #lock}, so the channel and the history never deliver one event twice. */
    private void deliver(String id, String event, List<Consumer<String>> to) {
        if (id != null) {
            delivered.add(id);
        }
        to.forEach(s -> s.accept(event));
    }
}
