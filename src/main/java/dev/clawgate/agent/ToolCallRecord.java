package dev.clawgate.agent;

/**
 * One tool call of a turn.
 *
 * @param fromText true when the call was recovered from the model's text ({@code <tool_call>} blocks)
 *     because it made no native call
 * @param isError whether the result was an error (refused, bad arguments, the tool failed)
 */
public record ToolCallRecord(String id, String name, String argumentsJson, boolean isError, boolean fromText) {}
