package dev.clawgate.agent.tools;

import dev.clawgate.wire.Part;
import java.util.Objects;

/**
 * What a tool hands back to the model. Errors are ordinary results with {@code isError} set: the model
 * reads the text and can correct itself.
 */
public record ToolResult(String content, boolean isError) {

    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String message) {
        return new ToolResult(message, true);
    }

    /** The canonical wire part answering the call {@code toolCallId} of tool {@code toolName}. */
    public Part.ToolResult toPart(String toolCallId, String toolName) {
        return new Part.ToolResult(toolCallId, toolName, content, isError);
    }
}
