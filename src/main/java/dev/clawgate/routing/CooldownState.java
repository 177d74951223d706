package dev.clawgate.routing;

import dev.clawgate.wire.FailureClass;
import java.time.Duration;
import java.time.Instant;

/**
 * One cooling key as {@code models status} and metrics show it.
 *
 * @param key {@code provider/model} for a model, {@code provider/*} for a whole provider
 * @param reason the failure that started (or last extended) the cooldown
 * @param until when the key may be tried again (by a single half-open probe)
 * @param failures consecutive failures; picks the cooldown step
 * @param probing true while a half-open probe request is in flight
 */
public record CooldownState(String key, FailureClass reason, Instant until, int failures, boolean probing) {

    /** True while requests must skip this key (probe or not). */
    public boolean coolingAt(Instant now) {
        return now.isBefore(until);
    }

    /** Time left, zero once expired. */
    public Duration remainingAt(Instant now) {
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }
}
