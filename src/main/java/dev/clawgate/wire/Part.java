package dev.clawgate.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A piece of a {@link Message}. Reasoning is a part of its own and never travels as text.
 *
 * <p>{@code cacheControl} is a prompt-cache breakpoint the caller set on this part (Anthropic's
 * {@code cache_control}, e.g. {@code {"type":"ephemeral"}}), kept as the caller wrote it so that an
 * upstream with explicit prompt caching receives it unchanged; null for none.
 */
public sealed interface Part {

    record Text(String text, ObjectNode cacheControl) implements Part {
        public Text(String text) {
            this(text, null);
        }
    }

    /**
     * An image, either inline ({@code data} base64 with its {@code mediaType}) or by {@code url}.
     */
    record Image(String mediaType, String data, String url, ObjectNode cacheControl) implements Part {
        public Image(String mediaType, String data, String url) {
            this(mediaType, data, url, null);
        }
    }

    /**
     * Model reasoning. {@code signature} is the upstream's opaque token (Anthropic thinking signature,
     * Responses encrypted content) that must be replayed unchanged; {@code redacted} marks reasoning whose
     * text the upstream withheld.
     */
    record Reasoning(String text, String signature, boolean redacted) implements Part {}

    /** A tool call made by the assistant; {@code argumentsJson} is the raw JSON object text. */
    record ToolCall(String id, String name, String argumentsJson, ObjectNode cacheControl) implements Part {
        public ToolCall(String id, String name, String argumentsJson) {
            this(id, name, argumentsJson, null);
        }
    }

    /**
     * The result of a tool call, sent back to the model. {@code isError} says the tool failed; APIs
     * without such a flag get the content with {@link #ERROR_PREFIX} in front.
     */
    record ToolResult(String toolCallId, String name, String content, boolean isError, ObjectNode cacheControl)
            implements Part {
        /** What APIs without an error flag on tool results see in front of a failed tool's output. */
        public static final String ERROR_PREFIX = "[tool error] ";

        public ToolResult(String toolCallId, String name, String content, boolean isError) {
            this(toolCallId, name, content, isError, null);
        }

        /** The content for an API with no error flag: prefixed when the tool failed. */
        public String contentWithErrorPrefix() {
            return isError && !content.startsWith(ERROR_PREFIX) ? ERROR_PREFIX + content : content;
        }
    }
}
