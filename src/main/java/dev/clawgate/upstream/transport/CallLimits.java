package dev.clawgate.upstream.transport;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.wire.FailureClass;
import java.time.Duration;

/**
 * The time limits of one call as absolute {@link System#nanoTime()} instants, fixed when the request is
 * sent. A null or non-positive duration in {@link CallOptions} means "no limit".
 */
final class CallLimits {

    /** Stands for "never": far enough to never fire, small enough that adding to it cannot overflow. */
    static final long NO_LIMIT_NANOS = Long.MAX_VALUE / 4;

    final long startedAt;
    final long firstByteAt;
    final long deadlineAt;
    final long idleNanos;
    private final Duration firstByte;
    private final Duration deadline;
    private final Duration idle;

    CallLimits(long startedAt, Duration firstByte, Duration idle, Duration deadline) {
        this.startedAt = startedAt;
        this.firstByte = firstByte;
        this.idle = idle;
        this.deadline = deadline;
        this.firstByteAt = startedAt + nanos(firstByte);
        this.deadlineAt = startedAt + nanos(deadline);
        this.idleNanos = nanos(idle);
    }

    static CallLimits start(CallOptions options) {
        return new CallLimits(System.nanoTime(), options.firstByteTimeout(), options.idleTimeout(),
                options.deadline());
    }

    /** Limits for reading an error body: the call's deadline, and at most {@code budget} from now. */
    CallLimits forErrorBody(Duration budget) {
        long now = System.nanoTime();
        Duration left = Duration.ofNanos(Math.max(0, deadlineAt - now));
        Duration cap = left.compareTo(budget) < 0 ? left : budget;
        return new CallLimits(now, cap, cap, cap);
    }

    /** Nanoseconds until the response head must have arrived: first-byte limit or deadline, sooner one. */
    long nanosUntilHeadDue(long now) {
        return Math.max(0, Math.min(firstByteAt, deadlineAt) - now);
    }

    /** The exception for a response that did not start in time. */
    ReadTimeoutException firstByteExpired(String target) {
        if (deadlineAt <= firstByteAt) {
            return deadlineExpired(target);
        }
        return new ReadTimeoutException(FailureClass.FIRST_BYTE_TIMEOUT,
                "no complete event within " + describe(firstByte) + " (first-byte timeout, the provider's timeoutSeconds)"
                        + where(target));
    }

    ReadTimeoutException idleExpired(String target) {
        return new ReadTimeoutException(FailureClass.IDLE_TIMEOUT,
                "no complete event for " + describe(idle) + " in the middle of the response (idle timeout, the provider's"
                        + " idleTimeoutSeconds)" + where(target));
    }

    ReadTimeoutException deadlineExpired(String target) {
        return new ReadTimeoutException(FailureClass.DEADLINE,
                "the call did not finish within its " + describe(deadline) + " deadline" + where(target));
    }

    private static String where(String target) {
        return target == null ? "" : " (" + target + ")";
    }

    private static long nanos(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return NO_LIMIT_NANOS;
        }
        try {
            return Math.min(d.toNanos(), NO_LIMIT_NANOS);
        } catch (ArithmeticException e) {
            return NO_LIMIT_NANOS;
        }
    }

    static String describe(Duration d) {
        if (d == null) {
            return "unlimited time";
        }
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
    }
}
