package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.state.SharedCooldowns;
import dev.clawgate.wire.FailureClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which models and providers to leave alone for a while after they failed.
 *
 * <p>Keys are plain strings ({@code provider/model}, and {@code provider/*} for failures whose
 * {@link FailureClass#scope()} is the whole provider: refused, reset, DNS, TLS, auth), so the state is
 * per process and survives a config reload that rebuilds every catalog object.
 *
 * <p>Steps are short (30 s, 1 min, 5 min cap by default) because OpenClaw's 1 min → 1 h spiral locked
 * users out of servers that had long recovered. A {@code Retry-After} makes the cooldown at least that
 * long. The step moves once per episode, as Envoy's outlier ejection counts ejections rather than
 * errors: a failure while the key is still cooling (a last-resort try, an SDK's retries of one request,
 * a stream that broke) joins the running cooldown instead of stepping it, so three quick retries of one
 * request leave a 30 s cooldown, not a 5-minute one. Only a failure after the cooldown ended (its probe
 * failed) starts the next, longer step. Once a cooldown expires, exactly one request is let through as a half-open probe; others keep
 * skipping until it resolves (success clears the key, failure moves to the next step). A probe whose
 * owner never reports back (a bug, a killed thread) is presumed lost after {@code probeLease}.
 *
 * <p>Thread-safe without a global lock: every update is an atomic {@code compute} on one key.
 *
 * <p>With {@link #share} every change is written through to the other instances and theirs come back into this
 * map ({@link CooldownSharing}); a probe is then sent only by the instance that claims it there. The hot path
 * reads only this map.
 */
public final class CooldownTracker {

    public static final List<Duration> DEFAULT_STEPS =
            List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5));
    /** Consecutive failures further apart than this start counting from one again. */
    public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofMinutes(15);
    public static final Duration DEFAULT_PROBE_LEASE = Duration.ofMinutes(10);

    private final Clock clock;
    private final List<Duration> steps;
    private final Duration failureWindow;
    private final Duration probeLease;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile CooldownSharing sharing = CooldownSharing.NONE;

    /**
     * @param retryAfterUntil the upstream asked not to be called before this (Retry-After), or null
     * @param probeSince when the current half-open probe started, or null when none is in flight
     */
    private record Entry(FailureClass reason, Instant until, int failures, Instant lastFailureAt,
            Instant retryAfterUntil, Instant probeSince) {

        Entry withProbe(Instant since) {
            return new Entry(reason, until, failures, lastFailureAt, retryAfterUntil, since);
        }
    }

    public CooldownTracker(Clock clock) {
        this(clock, DEFAULT_STEPS, DEFAULT_FAILURE_WINDOW, DEFAULT_PROBE_LEASE);
    }

    public CooldownTracker(Clock clock, List<Duration> steps, Duration failureWindow, Duration probeLease) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("at least one cooldown step");
        }
        this.clock = Objects.requireNonNull(clock);
        this.steps = List.copyOf(steps);
        this.failureWindow = failureWindow;
        this.probeLease = probeLease;
    }

    public static String modelKey(ModelSpec model) {
        return model.ref();
    }

    public static String providerKey(String providerId) {
        return providerId + "/*";
    }

    /**
     * Whether a request may use {@code model} now. When the answer is a probe, the caller must report the
     * outcome ({@link #recordSuccess}, {@link #recordFailure} or {@link #release}).
     */
    public Admission admit(ModelSpec model) {
        Instant now = clock.instant();
        List<String> probing = new ArrayList<>(2);
        for (String key : List.of(providerKey(model.provider().id()), modelKey(model))) {
            CooldownState[] blocked = new CooldownState[1];
            boolean[] probe = new boolean[1];
            entries.computeIfPresent(key, (k, e) -> {
                if (now.isBefore(e.until()) || probeInFlight(e, now)) {
                    blocked[0] = state(k, e);
                    return e;
                }
                probe[0] = true;
                return e.withProbe(now);
            });
            if (probe[0] && !sharing.claimProbe(key, probeLease)) {
                // another instance sends this probe: keep our probe mark, so we skip until its outcome arrives
                Entry mine = entries.get(key);
                blocked[0] = mine != null ? state(key, mine) : new CooldownState(key, null, now, 0, true);
            }
            if (blocked[0] != null) {
                releaseKeys(probing);
                return new Admission(false, blocked[0], List.of());
            }
            if (probe[0]) {
                probing.add(key);
            }
        }
        return new Admission(true, null, List.copyOf(probing));
    }

    /**
     * Lets a cooling model through anyway as a probe, for when every candidate of a chain is cooling and
     * skipping them all would turn one blip into a self-inflicted outage. Refused while a probe is already
     * in flight or while the upstream's own {@code Retry-After} is running.
     */
    public Optional<Admission> admitLastResort(ModelSpec model) {
        Instant now = clock.instant();
        List<String> keys = List.of(providerKey(model.provider().id()), modelKey(model));
        for (String key : keys) {
            Entry e = entries.get(key);
            if (e != null && (probeInFlight(e, now)
                    || (e.retryAfterUntil() != null && now.isBefore(e.retryAfterUntil())))) {
                return Optional.empty();
            }
        }
        List<String> probing = new ArrayList<>(2);
        for (String key : keys) {
            boolean[] took = new boolean[1];
            entries.computeIfPresent(key, (k, e) -> {
                if (probeInFlight(e, now)) {
                    return e;
                }
                took[0] = true;
                return e.withProbe(now);
            });
            if (took[0] && !sharing.claimProbe(key, probeLease)) {
                releaseKeys(probing);
                return Optional.empty(); // another instance sends this last-resort probe
            }
            if (took[0]) {
                probing.add(key);
            }
        }
        return Optional.of(new Admission(true, null, List.copyOf(probing)));
    }

    /** The model answered: it and its provider are healthy again. */
    public void recordSuccess(ModelSpec model) {
        for (String key : List.of(modelKey(model), providerKey(model.provider().id()))) {
            if (entries.remove(key) != null) { // a healthy model with nothing to clear costs nothing shared
                sharing.recovered(key);
            }
        }
    }

    /**
     * The model failed with {@code failure}. Cools the provider or the model according to the class's
     * scope (nothing for scope NONE) and resolves any probe the admission held.
     *
     * @param admission what {@link #admit} returned for this request, or null (mid-stream failures)
     * @return the new state of the key that was cooled, if any
     */
    public Optional<CooldownState> recordFailure(ModelSpec model, FailureClass failure, Duration retryAfter,
            Admission admission) {
        String providerKey = providerKey(model.provider().id());
        String modelKey = modelKey(model);
        String key = switch (failure.scope()) {
            case PROVIDER -> providerKey;
            case MODEL -> modelKey;
            case NONE -> null;
        };
        if (admission != null) {
            List<String> others = new ArrayList<>(admission.probeKeys());
            others.remove(key);
            if (failure.scope() == FailureClass.Scope.MODEL && others.remove(providerKey)) {
                // The model answered (or at least accepted the connection): the provider is reachable.
                entries.remove(providerKey);
                sharing.recovered(providerKey);
            }
            releaseKeys(others);
        }
        if (key == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry updated = entries.compute(key, (k, e) -> {
            Instant retryAfterUntil = retryAfter != null && !retryAfter.isNegative() ? now.plus(retryAfter) : null;
            if (e != null && now.isBefore(e.until())) { // the same episode: no step
                Instant until = later(e.until(), retryAfterUntil);
                return new Entry(failure, until, e.failures(), now, later(e.retryAfterUntil(), retryAfterUntil), null);
            }
            int previous = e == null || Duration.between(e.lastFailureAt(), now).compareTo(failureWindow) > 0
                    ? 0 : e.failures();
            int failures = previous + 1;
            Duration step = steps.get(Math.min(failures, steps.size()) - 1);
            Instant until = now.plus(step);
            if (retryAfterUntil != null && retryAfterUntil.isAfter(until)) {
                until = retryAfterUntil;
            }
            return new Entry(failure, until, failures, now, retryAfterUntil, null);
        });
        sharing.cooled(key, toShared(updated));
        if (admission != null && admission.probeKeys().contains(key)) {
            sharing.probeFailed(key, Duration.between(now, updated.until()));
        }
        return Optional.of(state(key, updated));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * When {@code model} could be called again: the end of its (or its provider's) cooldown, or of the
     * upstream's own {@code Retry-After} when one is running, since a chain that is all cooling still gets
     * a last-resort try once that has passed. Empty when nothing holds it back.
     */
    public Optional<Instant> recoveryAt(ModelSpec model) {
        Instant now = clock.instant();
        Instant latest = null;
        for (String key : List.of(providerKey(model.provider().id()), modelKey(model))) {
            Entry e = entries.get(key);
            if (e == null) {
                continue;
            }
            Instant recovery;
            if (e.retryAfterUntil() != null && now.isBefore(e.retryAfterUntil())) {
                recovery = e.retryAfterUntil();
            } else if (now.isBefore(e.until())) {
                recovery = e.until();
            } else if (probeInFlight(e, now)) {
                recovery = now.plusSeconds(1); // its probe will tell soon
            } else {
                continue;
            }
            latest = later(latest, recovery);
        }
        return Optional.ofNullable(latest);
    }

    /** Ends the admission's probes without a verdict (the call ended in a way that says nothing about health). */
    public void release(Admission admission) {
        if (admission != null) {
            releaseKeys(admission.probeKeys());
        }
    }

    /** Every key with state, soonest expiry first. */
    public List<CooldownState> snapshot() {
        List<CooldownState> out = new ArrayList<>();
        entries.forEach((k, e) -> out.add(state(k, e)));
        out.sort(Comparator.comparing(CooldownState::until).thenComparing(CooldownState::key));
        return out;
    }

    public Optional<CooldownState> state(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(state(key, e));
    }

    /** Forgets everything (tests, {@code models status --reset}). */
    public void clear() {
        entries.clear();
    }

    private boolean probeInFlight(Entry e, Instant now) {
        return e.probeSince() != null && now.isBefore(e.probeSince().plus(probeLease));
    }

    private void releaseKeys(List<String> keys) {
        for (String key : keys) {
            Entry e = entries.computeIfPresent(key, (k, current) -> current.withProbe(null));
            // tell the others too: they skip the key while they believe our probe is in flight
            sharing.probeEnded(key, e == null ? null : toShared(e));
        }
    }

    /**
     * Shares this tracker's cooldowns with other instances through {@code shared}: takes in what they know now,
     * writes every change through, and applies theirs as they arrive.
     */
    public CooldownTracker share(SharedCooldowns shared) {
        this.sharing = new CooldownSharing(shared);
        shared.listen(new SharedCooldowns.Listener() {
            @Override
            public void changed(String key, SharedCooldowns.Cooldown c) {
                if (c == null) {
                    entries.remove(key);
                } else {
                    entries.put(key, fromShared(c));
                }
            }

            @Override
            public java.util.Map<String, SharedCooldowns.Cooldown> local() {
                java.util.Map<String, SharedCooldowns.Cooldown> out = new java.util.HashMap<>();
                entries.forEach((k, e) -> out.put(k, toShared(e)));
                return out;
            }
        });
        return this;
    }

    private static SharedCooldowns.Cooldown toShared(Entry e) {
        return new SharedCooldowns.Cooldown(e.reason() == null ? null : e.reason().name(), e.until().toEpochMilli(),
                e.failures(), e.lastFailureAt().toEpochMilli(),
                e.retryAfterUntil() == null ? 0 : e.retryAfterUntil().toEpochMilli());
    }

    private static Entry fromShared(SharedCooldowns.Cooldown c) {
        FailureClass reason = CooldownSharing.failureClass(c.reason());
        return new Entry(reason, Instant.ofEpochMilli(c.untilMillis()), c.failures(),
                Instant.ofEpochMilli(c.lastFailureMillis()),
                c.retryAfterUntilMillis() == 0 ? null : Instant.ofEpochMilli(c.retryAfterUntilMillis()), null);
    }

    private CooldownState state(String key, Entry e) {
        return new CooldownState(key, e.reason(), e.until(), e.failures(), probeInFlight(e, clock.instant()));
    }

    /**
     * The answer of {@link #admit}: allowed or not, the state that blocks it, and the keys whose
     * half-open probe this request holds.
     */
    public record Admission(boolean allowed, CooldownState blockedBy, List<String> probeKeys) {

        public boolean probe() {
            return !probeKeys.isEmpty();
        }
    }
}
