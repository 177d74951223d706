package dev.clawgate.agent.tools;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on one run's model-call / tool-call loop: at most {@code maxSteps} model calls and at most
 * {@code maxTotalTime} from the start of the run. A small local model that keeps calling tools must still
 * end.
 */
public record ToolLoopLimits(int maxSteps, Duration maxTotalTime) {

    /** 25 steps, 10 minutes (OpenClaw's default run timeout is 600 s). */
    public static final ToolLoopLimits DEFAULT = new ToolLoopLimits(25, Duration.ofMinutes(10));

    public ToolLoopLimits {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1");
        }
        if (maxTotalTime == null || maxTotalTime.isNegative() || maxTotalTime.isZero()) {
            throw new IllegalArgumentException("maxTotalTime must be positive");
        }
    }

    public Budget start(Clock clock) {
        return new Budget(this, clock, clock.instant().plus(maxTotalTime));
    }

    /** The remaining allowance of one run. Not thread-safe: a run's loop is sequential. */
    public static final class Budget {
        private final ToolLoopLimits limits;
        private final Clock clock;
        private final Instant deadline;
        private int stepsTaken;

        private Budget(ToolLoopLimits limits, Clock clock, Instant deadline) {
            this.limits = limits;
            this.clock = clock;
            this.deadline = deadline;
        }

        /** Records the start of a step (one model call); false when no step is left or time is up. */
        public boolean tryStartStep() {
            if (stepsTaken >= limits.maxSteps() || isTimeUp()) {
                return false;
            }
            stepsTaken++;
            return true;
        }

        public int stepsTaken() {
            return stepsTaken;
        }

        public boolean isTimeUp() {
            return !clock.instant().isBefore(deadline);
        }

        /** Time left until the deadline, never negative; use it to bound a model or tool call. */
        public Duration remaining() {
            Duration left = Duration.between(clock.instant(), deadline);
            return left.isNegative() ? Duration.ZERO : left;
        }

        /** Why the loop must stop, for a notice to the user; null while it may go on. */
        public String exhaustedReason() {
            if (stepsTaken >= limits.maxSteps()) {
                return "stopped after " + limits.maxSteps() + " tool steps";
            }
            if (isTimeUp()) {
                return "stopped after the run time limit of " + limits.maxTotalTime().toSeconds() + " s";
            }
            return null;
        }
    }
}
