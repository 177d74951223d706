package dev.clawgate.wire;

/**
 * One event of a model's streamed answer, in canonical form. A well-formed stream is: {@link Start},
 * any number of content events, at most one {@link UsageReport}, then exactly one {@link Stop} (or an
 * {@link Error}). Tool calls are indexed so that argument fragments can interleave.
 */
public sealed interface StreamEvent {

    /** The upstream accepted the call. {@code id} and {@code model} are the upstream's, when it sent them. */
    record Start(String id, String model) implements StreamEvent {}

    record TextDelta(String text) implements StreamEvent {}

    /** Reasoning text; never to be delivered as answer text. */
    record ReasoningDelta(String text) implements StreamEvent {}

    /**
     * The opaque signature that closes a reasoning block (Anthropic thinking, Responses encrypted content).
     * {@code redacted} marks a whole reasoning block whose text the upstream withheld (Anthropic
     * {@code redacted_thinking}): {@code signature} is then its encrypted data, to be passed on unchanged.
     */
    record ReasoningSignature(String signature, boolean redacted) implements StreamEvent {
        public ReasoningSignature(String signature) {
            this(signature, false);
        }
    }

    record ToolCallStart(int index, String id, String name) implements StreamEvent {}

    record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {}

    record ToolCallEnd(int index) implements StreamEvent {}

    record UsageReport(Usage usage) implements StreamEvent {}

    record Stop(StopReason reason) implements StreamEvent {}

    /** The stream failed after it started. {@code message} is fit to show a user. */
    record Error(FailureClass failure, String message) implements StreamEvent {}
}
