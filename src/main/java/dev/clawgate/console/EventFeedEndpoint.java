package dev.clawgate.console;

import dev.clawgate.routing.RoutingDecision;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /clawgate/api/events}: the live feed as Server-Sent Events. An {@code overview} event at once,
 * then a {@code decision} event for each routing decision as it happens, each followed by a fresh
 * {@code overview}; with no decision, an {@code overview} every second (cooldown clocks run down). A stream
 * lasts at most {@link #MAX_STREAM}; the page reconnects.
 */
final class EventFeedEndpoint {

    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration MAX_STREAM = Duration.ofMinutes(30);
    /** A subscriber this far behind misses decisions (the overview still tells the state). */
    static final int QUEUE = 1000;

    private final DecisionFeed feed;
    private final ModelBoard board;
    private volatile boolean closed;

    EventFeedEndpoint(DecisionFeed feed, ModelBoard board) {
        this.feed = feed;
        this.board = board;
    }

    void stream(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        BlockingQueue<RoutingDecision> queue = new LinkedBlockingQueue<>(QUEUE);
        Runnable unsubscribe = feed.subscribe(queue::offer);
        long deadline = System.nanoTime() + MAX_STREAM.toNanos();
        try (OutputStream out = res.outputStream()) {
            EventWriter events = new EventWriter(out);
            events.event("overview", board.overview());
            while (!closed && !events.gone() && System.nanoTime() < deadline) {
                RoutingDecision d = queue.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                for (; d != null; d = queue.poll()) {
                    events.event("decision", ConsoleJson.decision(d));
                }
                events.event("overview", board.overview());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException | RuntimeException e) {
            // the page went away
        } finally {
            unsubscribe.run();
        }
    }

    void close() {
        closed = true;
    }
}
