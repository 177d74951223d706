package dev.clawgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.routing.RoutingDecision;
import dev.clawgate.state.EventFeed;
import dev.clawgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The routing feed stays in time order when the other instances' history arrives after this one's decisions. */
class DecisionFeedTest {

    private final MutableClock clock = new MutableClock();

    private RoutingDecision at(Instant when, String requested) {
        return new RoutingDecision(when, requested, "box/m", List.of(), Duration.ofMillis(1), null);
    }

    @Test
    void replayedHistoryGoesBeforeTheNewerDecisionsOfThisInstance() {
        Instant now = clock.instant();
        DecisionFeed feed = new DecisionFeed(clock);
        feed.decided(at(now.minusSeconds(5), "mine-1"));
        feed.decided(at(now, "mine-2"));
        // what a shared feed replays on subscribing: the other instances' last hour, oldest first
        List<String> history = List.of(DecisionCodec.encode(at(now.minusSeconds(30), "theirs-1")),
                DecisionCodec.encode(at(now.minusSeconds(2), "theirs-2")),
                DecisionCodec.encode(at(now.minus(Duration.ofHours(2)), "too-old")));
        feed.share(new EventFeed() {
            @Override
            public void publish(String json) {}

            @Override
            public Runnable subscribe(Consumer<String> events) {
                history.forEach(events);
                return () -> {};
            }
        });
        feed.decided(at(now.plusSeconds(1), "mine-3"));

        assertThat(feed.lastHour().stream().map(RoutingDecision::requested))
                .containsExactly("theirs-1", "mine-1", "theirs-2", "mine-2", "mine-3");
    }
}
