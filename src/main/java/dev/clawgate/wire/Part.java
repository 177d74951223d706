package dev.clawgate.wire;

/** A piece of a {@link Message}. Reasoning is a part of its own and never travels as text. */
public sealed interface Part {

    record Text(String text) implements Part {}

    /**
     * An image, either inline ({@code data} base64 with its {@code mediaType}) or by {@code url}.
     */
    record Image(String mediaType, String data, String url) implements Part {}

    /**
     * Model reasoning. {@code signature} is the upstream's opaque token (Anthropic thinking signature,
     * Responses encrypted content) that must be replayed unchanged; {@code redacted} marks reasoning whose
     * text the upstream withheld.
     */
    record Reasoning(String text, String signature, boolean redacted) implements Part {}

    /** A tool call made by the assistant; {@code argumentsJson} is the raw JSON object text. */
    record ToolCall(String id, String name, String argumentsJson) implements Part {}

    /** The result of a tool call, sent back to the model. */
    record ToolResult(String toolCallId, String name, String content, boolean isError) implements Part {}
}
