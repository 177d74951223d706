package dev.clawgate.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole answer, assembled from a {@link StreamEvent} sequence. Used for non-streaming responses and
 * wherever a caller wants the result rather than the events.
 */
public record ChatResponse(String id, String model, String text, String reasoning, String reasoningSignature,
        List<Part.ToolCall> toolCalls, Usage usage, StopReason stopReason, List<String> redactedReasoning) {

    /** {@code redactedReasoning}: the encrypted data of reasoning blocks whose text the upstream withheld. */
    public ChatResponse {
        redactedReasoning = redactedReasoning == null ? List.of() : List.copyOf(redactedReasoning);
    }

    public ChatResponse(String id, String model, String text, String reasoning, String reasoningSignature,
            List<Part.ToolCall> toolCalls, Usage usage, StopReason stopReason) {
        this(id, model, text, reasoning, reasoningSignature, toolCalls, usage, stopReason, List.of());
    }

    /** The answer as an assistant message (reasoning first, then text, then tool calls). */
    public Message toMessage() {
        List<Part> parts = new ArrayList<>();
        for (String data : redactedReasoning) {
            parts.add(new Part.Reasoning("", data, true));
        }
        if (!reasoning.isEmpty() || reasoningSignature != null) {
            parts.add(new Part.Reasoning(reasoning, reasoningSignature, false));
        }
        if (!text.isEmpty()) {
            parts.add(new Part.Text(text));
        }
        parts.addAll(toolCalls);
        return new Message(Message.Role.ASSISTANT, parts);
    }

    /** Collects events into a {@link ChatResponse}. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String model;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private String signature;
        private final List<String> redacted = new ArrayList<>();
        private final Map<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, args}
        private Usage usage;
        private StopReason stop;

        /** Applies one event. An {@link StreamEvent.Error} is thrown as an {@link UpstreamException}. */
        public Builder accept(StreamEvent event) {
            switch (event) {
                case StreamEvent.Start s -> {
                    id = s.id();
                    model = s.model();
                }
                case StreamEvent.TextDelta t -> text.append(t.text());
                case StreamEvent.ReasoningDelta r -> reasoning.append(r.text());
                case StreamEvent.ReasoningSignature s when s.redacted() -> redacted.add(s.signature());
                case StreamEvent.ReasoningSignature s -> signature = s.signature();
                case StreamEvent.ToolCallStart s -> calls.put(s.index(), new String[] {s.id(), s.name(), ""});
                case StreamEvent.ToolCallDelta d -> {
                    String[] call = calls.computeIfAbsent(d.index(), i -> new String[] {null, null, ""});
                    call[2] = call[2] + d.argumentsFragment();
                }
                case StreamEvent.ToolCallEnd e -> { }
                case StreamEvent.UsageReport u -> usage = u.usage();
                case StreamEvent.Stop s -> stop = s.reason();
                case StreamEvent.Error e -> throw new UpstreamException(e.failure(), e.message());
            }
            return this;
        }

        public ChatResponse build() {
            List<Part.ToolCall> toolCalls = new ArrayList<>();
            for (String[] c : calls.values()) {
                toolCalls.add(new Part.ToolCall(c[0], c[1], c[2].isEmpty() ? "{}" : c[2]));
            }
            StopReason reason = stop != null ? stop : (toolCalls.isEmpty() ? StopReason.STOP : StopReason.TOOL_USE);
            return new ChatResponse(id, model, text.toString(), reasoning.toString(), signature,
                    List.copyOf(toolCalls), usage, reason, redacted);
        }
    }

    /** Drains a stream into a response, closing it. */
    public static ChatResponse collect(EventStream stream) {
        try (stream) {
            Builder b = new Builder();
            for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                b.accept(e);
            }
            return b.build();
        }
    }
}
