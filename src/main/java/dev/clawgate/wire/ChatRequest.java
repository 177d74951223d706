package dev.clawgate.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One model call in canonical form, independent of the API it arrived on or the API it leaves on.
 *
 * @param model the model as the caller named it (alias, {@code provider/model} reference or agent target)
 * @param system system instructions, or null; the blocks joined by a blank line when there are several
 * @param messages the conversation, oldest first; never empty for a valid request
 * @param tools tools the model may call (empty for none)
 * @param toolChoice how the model may use the tools, or null for the upstream's default ("auto")
 * @param maxOutputTokens output token limit, or null to use the model's catalog limit
 * @param temperature sampling temperature, or null
 * @param topP nucleus sampling, or null
 * @param stop stop sequences (empty for none)
 * @param stream whether the caller wants incremental events (upstream calls always stream; this tells
 *     the inbound encoder what to send back)
 * @param user end-user identifier from the caller, or null
 * @param extras provider-specific body fields merged into the upstream request (config {@code params}
 *     and unknown inbound fields worth passing on), or null
 * @param systemBlocks the system instructions as the caller split them, with their cache breakpoints, for
 *     APIs that can carry blocks (Anthropic); always consistent with {@code system}: when {@code system}
 *     is not the blocks' joined text, the blocks are replaced by one block holding {@code system}
 * @param store whether the caller allows the provider to store the call (OpenAI {@code store}), or null
 *     when the caller did not say
 * @param maxTokensField the body field the caller named the output limit with ({@code max_tokens},
 *     {@code max_completion_tokens}, {@code max_output_tokens}), or null; an upstream of the same API
 *     family gets the same name unless its catalog entry says otherwise
 */
public record ChatRequest(
        String model,
        String system,
        List<Message> messages,
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        Integer maxOutputTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        boolean stream,
        String user,
        ObjectNode extras,
        List<Part.Text> systemBlocks,
        Boolean store,
        String maxTokensField) {

    /** Separates system blocks when they are joined into one string. */
    public static final String SYSTEM_BLOCK_SEPARATOR = "\n\n";

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
        systemBlocks = systemBlocks == null ? List.of() : List.copyOf(systemBlocks);
        if (system == null && !systemBlocks.isEmpty()) {
            system = joined(systemBlocks);
        } else if (system != null && !system.equals(joined(systemBlocks))) {
            systemBlocks = List.of(new Part.Text(system));
        } else if (system == null) {
            systemBlocks = List.of();
        }
    }

    public ChatRequest(String model, String system, List<Message> messages, List<ToolSpec> tools,
            ToolChoice toolChoice, Integer maxOutputTokens, Double temperature, Double topP, List<String> stop,
            boolean stream, String user, ObjectNode extras) {
        this(model, system, messages, tools, toolChoice, maxOutputTokens, temperature, topP, stop, stream, user,
                extras, null, null, null);
    }

    private static String joined(List<Part.Text> blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Part.Text t : blocks) {
            if (!sb.isEmpty()) {
                sb.append(SYSTEM_BLOCK_SEPARATOR);
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, system, messages, tools, toolChoice, maxOutputTokens, temperature,
                topP, stop, stream, user, extras, systemBlocks, store, maxTokensField);
    }

    public ChatRequest withUser(String newUser) {
        return new ChatRequest(model, system, messages, tools, toolChoice, maxOutputTokens, temperature,
                topP, stop, stream, newUser, extras, systemBlocks, store, maxTokensField);
    }

    public ChatRequest withMessages(String newSystem, List<Message> newMessages) {
        return new ChatRequest(model, newSystem, newMessages, tools, toolChoice, maxOutputTokens, temperature,
                topP, stop, stream, user, extras, systemBlocks, store, maxTokensField);
    }

    public ChatRequest withMaxOutputTokens(Integer newMax) {
        return new ChatRequest(model, system, messages, tools, toolChoice, newMax, temperature, topP, stop,
                stream, user, extras, systemBlocks, store, maxTokensField);
    }

    /** A minimal request: one user message, no tools. Handy for probes and tests. */
    public static ChatRequest ofUserText(String model, String text) {
        return new ChatRequest(model, null, List.of(Message.user(text)), List.of(), null, null, null, null,
                List.of(), true, null, null);
    }
}
