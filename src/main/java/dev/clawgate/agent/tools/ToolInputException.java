package dev.clawgate.agent.tools;

/**
 * A refusal whose message is written for the model (bad argument, path outside the workspace, refused
 * address). {@link ToolExecutor} passes the message through unchanged as an error result.
 */
public class ToolInputException extends Exception {

    public ToolInputException(String messageForModel) {
        super(messageForModel);
    }
}
