package dev.clawgate.routing;

import dev.clawgate.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.FailureClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CooldownTrackerTest {

    private final MutableClock clock = new MutableClock();
    private final CooldownTracker tracker = new CooldownTracker(clock);
    private final ModelSpec model = Specs.localMinimax();
    private final ModelSpec sibling = Specs.localQwen();

    private CooldownState fail(FailureClass failure, Duration retryAfter) {
        CooldownTracker.Admission a = tracker.admit(model);
        assertThat(a.allowed()).isTrue();
        return tracker.recordFailure(model, failure, retryAfter, a).orElseThrow();
    }

    @Test
    void stepsAre30sThen1minThen5minCapped() {
        List<Duration> cooldowns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CooldownState s = fail(FailureClass.SERVER_ERROR, null);
            Duration d = Duration.between(clock.instant(), s.until());
            cooldowns.add(d);
            assertThat(s.failures()).isEqualTo(i + 1);
            clock.advance(d); // expire: the next admission is the probe that fails again
        }
        assertThat(cooldowns).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void failuresWhileCoolingJoinTheEpisodeWithoutStepping() {
        fail(FailureClass.SERVER_ERROR, null);
        for (int i = 0; i < 2; i++) { // last-resort tries of an SDK's retries, half a second apart
            clock.advance(Duration.ofMillis(500));
            CooldownTracker.Admission a = tracker.admitLastResort(model).orElseThrow();
            tracker.recordFailure(model, FailureClass.SERVER_ERROR, null, a);
        }
        CooldownState s = tracker.state(CooldownTracker.modelKey(model)).orElseThrow();
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.until()).isEqualTo(clock.instant().plus(Duration.ofSeconds(29)));
        assertThat(tracker.recoveryAt(model)).contains(s.until());

        clock.advance(Duration.ofSeconds(29)); // the episode ended; its probe fails: a new, longer one
        assertThat(fail(FailureClass.SERVER_ERROR, null).failures()).isEqualTo(2);
    }

    @Test
    void recoveryIsTheUpstreamsRetryAfterWhenOneRuns() {
        fail(FailureClass.RATE_LIMIT, Duration.ofSeconds(7));

        assertThat(tracker.recoveryAt(model)).contains(clock.instant().plus(Duration.ofSeconds(7)));
        assertThat(tracker.recoveryAt(sibling)).isEmpty();
    }

    @Test
    void successClearsTheCountAndTheCooldown() {
        fail(FailureClass.SERVER_ERROR, null);
        clock.advance(Duration.ofSeconds(30));
        tracker.admit(model);
        tracker.recordSuccess(model);

        assertThat(tracker.snapshot()).isEmpty();
        assertThat(Duration.between(clock.instant(), fail(FailureClass.SERVER_ERROR, null).until()))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failuresFarApartStartCountingAgain() {
        fail(FailureClass.SERVER_ERROR, null);
        clock.advance(CooldownTracker.DEFAULT_FAILURE_WINDOW.plusSeconds(1));

        assertThat(fail(FailureClass.SERVER_ERROR, null).failures()).isEqualTo(1);
    }

    @Test
    void retryAfterLongerThanTheStepWins() {
        CooldownState s = fail(FailureClass.RATE_LIMIT, Duration.ofMinutes(3));

        assertThat(s.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
        assertThat(s.reason()).isEqualTo(FailureClass.RATE_LIMIT);
    }

    @Test
    void whileCoolingEveryAdmissionIsRefusedWithTheState() {
        fail(FailureClass.OVERLOADED, null);
        clock.advance(Duration.ofSeconds(29));

        CooldownTracker.Admission a = tracker.admit(model);

        assertThat(a.allowed()).isFalse();
        assertThat(a.blockedBy().key()).isEqualTo("lmstudio/minimax-m2.1-gs32");
        assertThat(a.blockedBy().remainingAt(clock.instant())).isEqualTo(Duration.ofSeconds(1));
        assertThat(tracker.admit(sibling).allowed()).isTrue(); // model scope
    }

    @Test
    void providerScopedFailureBlocksEveryModelOfTheProvider() {
        fail(FailureClass.CONNECTION_REFUSED, null);

        assertThat(tracker.admit(sibling).allowed()).isFalse();
        assertThat(tracker.admit(sibling).blockedBy().key()).isEqualTo("lmstudio/*");
        assertThat(tracker.admit(Specs.sonnet()).allowed()).isTrue();
    }

    @Test
    void afterExpiryExactlyOneProbeIsLetThrough() {
        fail(FailureClass.SERVER_ERROR, null);
        clock.advance(Duration.ofSeconds(30));

        CooldownTracker.Admission probe = tracker.admit(model);
        CooldownTracker.Admission second = tracker.admit(model);

        assertThat(probe.allowed()).isTrue();
        assertThat(probe.probe()).isTrue();
        assertThat(second.allowed()).isFalse();
        assertThat(tracker.snapshot()).singleElement().satisfies(s -> assertThat(s.probing()).isTrue());

        tracker.release(probe); // ended without a verdict: the next request may probe
        assertThat(tracker.admit(model).probe()).isTrue();
    }

    @Test
    void aLostProbeIsPresumedDeadAfterItsLease() {
        fail(FailureClass.SERVER_ERROR, null);
        clock.advance(Duration.ofSeconds(30));
        assertThat(tracker.admit(model).probe()).isTrue();

        clock.advance(CooldownTracker.DEFAULT_PROBE_LEASE);

        assertThat(tracker.admit(model).probe()).isTrue();
    }

    @Test
    void modelScopedFailureOfAProviderProbeShowsTheProviderIsReachable() {
        fail(FailureClass.CONNECTION_REFUSED, null);
        clock.advance(Duration.ofSeconds(30));
        CooldownTracker.Admission probe = tracker.admit(model);

        tracker.recordFailure(model, FailureClass.SERVER_ERROR, null, probe);

        assertThat(tracker.state("lmstudio/*")).isEmpty();
        assertThat(tracker.state(model.ref())).isPresent();
        assertThat(tracker.admit(sibling).allowed()).isTrue();
    }

    @Test
    void failuresThatSayNothingAboutHealthCoolNothing() {
        CooldownTracker.Admission a = tracker.admit(model);

        assertThat(tracker.recordFailure(model, FailureClass.CONTEXT_OVERFLOW, null, a)).isEmpty();
        assertThat(tracker.snapshot()).isEmpty();
    }

    @Test
    void concurrentAdmissionsAfterExpiryYieldOneProbe() throws Exception {
        fail(FailureClass.SERVER_ERROR, null);
        clock.advance(Duration.ofSeconds(30));
        List<Future<CooldownTracker.Admission>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> tracker.admit(model)));
            }
        }
        int allowed = 0;
        for (Future<CooldownTracker.Admission> f : results) {
            allowed += f.get().allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(1);
    }

    @Test
    void keysAreStringsSoStateSurvivesRebuiltCatalogObjects() {
        fail(FailureClass.SERVER_ERROR, null);
        ModelSpec reloaded = Specs.model(Specs.lmstudio(), "minimax-m2.1-gs32", 65_536); // new objects, same ref

        assertThat(tracker.admit(reloaded).allowed()).isFalse();
    }
}
