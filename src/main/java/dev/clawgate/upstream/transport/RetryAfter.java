package dev.clawgate.upstream.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses how long an upstream asks us to wait: {@code retry-after-ms} (OpenAI, milliseconds, may be
 * fractional) wins over {@code Retry-After}, which is either delta-seconds or an HTTP-date.
 */
public final class RetryAfter {

    /** Upstreams occasionally send absurd values; nobody should wait longer than this on their word. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    /**
     * @param retryAfterMs the {@code retry-after-ms} header or null
     * @param retryAfter the {@code Retry-After} header or null
     * @return the wait, zero for a date in the past, or null when absent or unparseable
     */
    public static Duration parse(String retryAfterMs, String retryAfter, Clock clock) {
        Duration ms = parseMillis(retryAfterMs);
        return ms != null ? ms : parseRetryAfter(retryAfter, clock);
    }

    static Duration parseMillis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double ms = Double.parseDouble(value.trim());
            return ms >= 0 && Double.isFinite(ms) ? cap(Duration.ofNanos((long) Math.min(ms * 1e6, 9e18))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d+(\\.\\d+)?")) {
            double seconds = Double.parseDouble(v);
            return cap(Duration.ofMillis((long) Math.min(seconds * 1000, 9e15)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : cap(wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration cap(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
