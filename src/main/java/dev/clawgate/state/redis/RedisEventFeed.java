package dev.clawgate.state.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.state.EventFeed;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link EventFeed} on a Redis channel: each instance publishes its events tagged with its id and hands the
 * others' to its subscribers. While Redis is down an instance's feed shows its own events only.
 */
final class RedisEventFeed implements EventFeed {

    static final String CHANNEL = RedisLink.PREFIX + "events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink link;
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

    RedisEventFeed(RedisLink link) {
        this.link = link;
        link.subscribe(CHANNEL, this::received);
    }

    @Override
    public void publish(String json) {
        String message = JSON.createObjectNode().put("from", link.instanceId()).put("event", json).toString();
        link.run(r -> r.publish(CHANNEL, message));
    }

    @Override
    public Runnable subscribe(Consumer<String> events) {
        subscribers.add(events);
        return () -> subscribers.remove(events);
    }

    private void received(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (link.instanceId().equals(m.path("from").asText()) || !m.hasNonNull("event")) {
                return;
            }
            String event = m.get("event").asText();
            subscribers.forEach(s -> s.accept(event));
        } catch (IOException e) {
            // not an event of this version: skip it
        }
    }
}
