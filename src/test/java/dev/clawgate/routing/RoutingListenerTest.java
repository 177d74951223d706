package dev.clawgate.routing;

import static dev.clawgate.routing.FakeAdapter.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.FailureClass;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Observers of the router (the Control UI's feed) hear one decision per call, served or failed. */
@Timeout(10)
class RoutingListenerTest {

    private final MutableClock clock = new MutableClock();
    private final FakeAdapter responses = new FakeAdapter("openai-responses");
    private final ModelSpec local = Specs.localMinimax();
    private final ModelSpec local2 = Specs.localQwen();

    private FailoverRouter router(List<ModelSpec> chain, List<RoutingDecision> heard) {
        FailoverRouter router = FailoverRouter.builder((requested, options) -> chain, api -> responses)
                .cooldowns(new CooldownTracker(clock)).clock(clock).build();
        router.addListener(heard::add);
        router.addListener(d -> {
            throw new IllegalStateException("a broken observer");
        });
        return router;
    }

    @Test
    void aFallbackIsHeardWithItsAttemptsAndReason() {
        List<RoutingDecision> heard = new CopyOnWriteArrayList<>();
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "Internal Server Error"));

        RoutedStream s = router(List.of(local, local2), heard).open(ChatRequest.ofUserText("Minimax", "hi"),
                RouteOptions.DEFAULT);

        assertThat(s.model()).isSameAs(local2);
        assertThat(heard).singleElement().satisfies(d -> {
            assertThat(d.requested()).isEqualTo("Minimax");
            assertThat(d.served()).isEqualTo(local2.ref());
            assertThat(d.fellBack()).isTrue();
            assertThat(d.fallbackReason()).isEqualTo("server-error");
            assertThat(d.attempts()).extracting(Attempt::modelRef).containsExactly(local.ref(), local2.ref());
            assertThat(d.error()).isNull();
        });
    }

    @Test
    void aCallThatNothingServesIsHeardWithItsError() {
        List<RoutingDecision> heard = new CopyOnWriteArrayList<>();
        responses.on(local, fail(FailureClass.SERVER_ERROR, 500, "Internal Server Error"));

        assertThatThrownBy(() -> router(List.of(local), heard).open(ChatRequest.ofUserText(null, "hi"), RouteOptions.DEFAULT))
                .isInstanceOf(AllCandidatesFailedException.class);

        assertThat(heard).singleElement().satisfies(d -> {
            assertThat(d.served()).isNull();
            assertThat(d.fellBack()).isFalse();
            assertThat(d.error()).contains("Internal Server Error");
            assertThat(d.attempts()).singleElement().extracting(Attempt::failure).isEqualTo(FailureClass.SERVER_ERROR);
        });
    }

    @Test
    void aServedAnswerIsHeardOnceWhenItEndsWithTheWholeCallsDuration() {
        List<RoutingDecision> heard = new CopyOnWriteArrayList<>();
        List<Duration> totals = new CopyOnWriteArrayList<>();
        FailoverRouter router = router(List.of(local), heard);
        router.addListener(new RoutingListener() {
            @Override
            public void decided(RoutingDecision decision) {}

            @Override
            public void completed(RoutingDecision decision, Duration total) {
                assertThat(decision).isSameAs(heard.get(0));
                totals.add(total);
            }
        });

        RoutedStream s = router.open(ChatRequest.ofUserText("Minimax", "hi"), RouteOptions.DEFAULT);
        clock.advance(Duration.ofMillis(700)); // the answer streams for a while after its first event
        assertThat(totals).isEmpty();
        int events = 0;
        while (s.next() != null && events < 1000) {
            events++;
        }
        s.close();

        assertThat(heard).singleElement().satisfies(d -> assertThat(d.took()).isZero());
        assertThat(totals).containsExactly(Duration.ofMillis(700));
    }
}
