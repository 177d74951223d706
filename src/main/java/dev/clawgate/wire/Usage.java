package dev.clawgate.wire;

/**
 * Token usage normalised across APIs.
 *
 * @param inputTokens prompt tokens excluding cache reads and cache writes
 * @param outputTokens generated tokens including reasoning tokens
 * @param cacheReadTokens prompt tokens served from the upstream's prompt cache
 * @param cacheWriteTokens prompt tokens written to the upstream's prompt cache
 * @param reasoningTokens the part of {@code outputTokens} spent on reasoning (informational)
 * @param estimated true when the upstream sent no usage and Clawgate counted tokens itself
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
        long reasoningTokens, boolean estimated) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, false);

    /** All prompt tokens, cached or not. */
    public long totalInputTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens;
    }

    public long totalTokens() {
        return totalInputTokens() + outputTokens;
    }
}
