package dev.clawgate.agent;

import dev.clawgate.wire.StreamEvent;
import java.util.Locale;

/**
 * Streams one turn's visible text to a {@link TurnListener}, step by step (one step = one model call).
 * Each step's text deltas go through a fresh {@link StreamingReplyFilter}, so think blocks and
 * {@code NO_REPLY} never come out. When the agent has tools, text that starts like a tool call written as
 * text ({@code <tool_call>}, a JSON object or array, a code fence) is held back until the step ends: if it
 * was a call it is dropped, otherwise it is released. Native reasoning is streamed only with
 * {@link ReasoningDisplay#STREAM}. Not thread-safe: one turn, one thread.
 */
final class ReplyStreamer {

    private static final String TAG = "<tool_call";

    private final TurnListener listener;
    private final ReasoningDisplay display;
    private final boolean holdPossibleToolCalls;
    private StreamingReplyFilter filter;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder shownInStep = new StringBuilder();
    private boolean deciding;
    private boolean emittedInTurn;
    private boolean emittedInStep;

    ReplyStreamer(TurnListener listener, ReasoningDisplay display, boolean holdPossibleToolCalls) {
        this.listener = listener;
        this.display = display;
        this.holdPossibleToolCalls = holdPossibleToolCalls;
    }

    void startStep() {
        filter = new StreamingReplyFilter(display);
        held.setLength(0);
        shownInStep.setLength(0);
        deciding = holdPossibleToolCalls;
        emittedInStep = false;
    }

    /** The reply text of the current step that reached the listener so far: an aborted step's partial reply. */
    String shownInStep() {
        return shownInStep.toString();
    }

    void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta t -> route(filter.accept(t.text()));
            case StreamEvent.ReasoningDelta r -> {
                if (display == ReasoningDisplay.STREAM && !r.text().isEmpty()) {
                    listener.reasoningDelta(r.text());
                }
            }
            default -> { }
        }
    }

    /** Ends the step; held text is released unless it turned out to be a tool call written as text. */
    void finishStep(boolean heldTextWasToolCall) {
        route(filter.finish());
        if (deciding && !heldTextWasToolCall && !held.isEmpty()) {
            emit(held.toString());
        }
        held.setLength(0);
        deciding = false;
    }

    private void route(StreamingReplyFilter.Chunk chunk) {
        if (!chunk.reasoning().isEmpty()) {
            listener.reasoningDelta(chunk.reasoning());
        }
        if (chunk.text().isEmpty()) {
            return;
        }
        if (!deciding) {
            emit(chunk.text());
            return;
        }
        held.append(chunk.text());
        String start = held.toString().stripLeading().toLowerCase(Locale.ROOT);
        if (start.isEmpty() || looksLikeToolCall(start)) {
            return; // keep holding until the step ends
        }
        deciding = false;
        emit(held.toString());
        held.setLength(0);
    }

    static boolean looksLikeToolCall(String strippedLower) {
        return strippedLower.startsWith("{") || strippedLower.startsWith("[") || strippedLower.startsWith("```")
                || strippedLower.startsWith(TAG) || TAG.startsWith(strippedLower);
    }

    private void emit(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!emittedInStep) {
            text = text.stripLeading();
            if (text.isEmpty()) {
                return;
            }
            if (emittedInTurn) {
                listener.replyDelta("\n\n");
            }
        }
        emittedInStep = true;
        emittedInTurn = true;
        shownInStep.append(text);
        listener.replyDelta(text);
    }
}
