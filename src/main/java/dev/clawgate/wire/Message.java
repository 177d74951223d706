package dev.clawgate.wire;

import java.util.List;

/**
 * One conversation turn. User messages carry text and images; assistant messages carry text,
 * reasoning and tool calls; tool messages carry tool results.
 */
public record Message(Role role, List<Part> parts) {

    public enum Role { USER, ASSISTANT, TOOL }

    public Message {
        parts = List.copyOf(parts);
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new Part.Text(text)));
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new Part.Text(text)));
    }

    public static Message toolResult(String toolCallId, String name, String content) {
        return new Message(Role.TOOL, List.of(new Part.ToolResult(toolCallId, name, content, false)));
    }

    /** All text parts joined, ignoring reasoning, tool calls and images. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
