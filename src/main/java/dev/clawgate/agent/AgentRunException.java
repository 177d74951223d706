package dev.clawgate.agent;

/** A turn failed in a way the user should be told about; the message is fit to show them. */
public class AgentRunException extends RuntimeException {

    public AgentRunException(String message) {
        super(message);
    }

    public AgentRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
