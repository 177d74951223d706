package dev.clawgate.agent;

/**
 * Receives a turn's delivery as it streams. Only text fit for the user arrives here: reply text with
 * reasoning, {@code <think>} blocks and {@code NO_REPLY} already removed, and (with
 * {@link ReasoningDisplay#STREAM} only) reasoning as a separate live preview. Called on the turn's thread.
 */
public interface TurnListener {

    TurnListener NONE = new TurnListener() {};

    /** More reply text. Text the model wrote beside tool calls in earlier steps of the turn also arrives here. */
    default void replyDelta(String text) {}

    /** A live reasoning preview; only with {@link ReasoningDisplay#STREAM}. Never part of the reply. */
    default void reasoningDelta(String text) {}

    /** A tool call is about to run (WebChat shows it as a card while it runs). */
    default void toolStarted(String id, String name, String argumentsJson) {}

    /** The tool call ended; {@code isError} when it was refused or failed. */
    default void toolFinished(String id, String name, boolean isError) {}
}
