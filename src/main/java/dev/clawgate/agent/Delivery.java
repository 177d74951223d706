package dev.clawgate.agent;

/**
 * What reaches the user for one reply. {@code reasoning} is a separate message shown before the reply
 * (only with {@link ReasoningDisplay#ON}); either may be null.
 */
public record Delivery(String reasoning, String reply) {

    public static final Delivery SILENT = new Delivery(null, null);

    /** Nothing to send: the model chose silence ({@code NO_REPLY}) or produced no visible text. */
    public boolean isSilent() {
        return reasoning == null && reply == null;
    }
}
