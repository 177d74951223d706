package dev.clawgate.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One model call in canonical form, independent of the API it arrived on or the API it leaves on.
 *
 * @param model the model as the caller named it (alias, {@code provider/model} reference or agent target)
 * @param system system instructions, or null
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
        ObjectNode extras) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, system, messages, tools, toolChoice, maxOutputTokens, temperature,
                topP, stop, stream, user, extras);
    }

    public ChatRequest withMessages(String newSystem, List<Message> newMessages) {
        return new ChatRequest(model, newSystem, newMessages, tools, toolChoice, maxOutputTokens, temperature,
                topP, stop, stream, user, extras);
    }

    public ChatRequest withMaxOutputTokens(Integer newMax) {
        return new ChatRequest(model, system, messages, tools, toolChoice, newMax, temperature, topP, stop,
                stream, user, extras);
    }

    /** A minimal request: one user message, no tools. Handy for probes and tests. */
    public static ChatRequest ofUserText(String model, String text) {
        return new ChatRequest(model, null, List.of(Message.user(text)), List.of(), null, null, null, null,
                List.of(), true, null, null);
    }
}
