package dev.clawgate.agent;

/**
 * A turn did not fit its model's context window even after compacting. The message gives the numbers.
 *
 * @see AgentRuntime
 */
public final class ContextOverflowException extends AgentRunException {

    private final String model;
    private final int windowTokens;
    private final long requestTokens;

    public ContextOverflowException(String model, int windowTokens, long requestTokens, int attempts, Throwable cause) {
        super("Context overflow: " + model + " has a context window of " + windowTokens + " tokens but the request "
                + "needs " + requestTokens + " tokens (prompt plus reserved output), still after " + attempts
                + " compaction" + (attempts == 1 ? "" : "s") + ". Use /new to start a fresh session, /compact to "
                + "try again, or /model to pick a model with a larger window.", cause);
        this.model = model;
        this.windowTokens = windowTokens;
        this.requestTokens = requestTokens;
    }

    public String model() {
        return model;
    }

    public int windowTokens() {
        return windowTokens;
    }

    public long requestTokens() {
        return requestTokens;
    }
}
