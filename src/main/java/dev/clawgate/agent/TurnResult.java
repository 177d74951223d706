package dev.clawgate.agent;

import dev.clawgate.wire.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one message to an agent produced.
 *
 * @param sessionKey the session the turn ran in
 * @param reply the text to deliver, reasoning-free; null when the agent stayed silent ({@code NO_REPLY})
 * @param reasoning the reasoning message to show before the reply ({@link ReasoningDisplay#ON} only), else null
 * @param model the {@code provider/model} that answered the last model call; null for a command answered
 *     without a model
 * @param fallbackNotice one line such as {@code ↪ Model fallback: …} or {@code ↪ Back on …} when the turn
 *     moved off the selected model or back; null otherwise
 * @param usage the turn's tokens over all its model calls (compaction included)
 * @param costUsd the priced cost of those calls, exact
 * @param toolCalls the tool calls made, in order
 * @param compactions how many times the session was compacted during the turn
 * @param command true when the message was a chat command answered by the runtime
 * @param aborted true when the turn was aborted ({@link AgentRuntime#abort}, {@link TurnAbort}); then
 *     {@code reply} is the partial reply the user had seen (possibly empty), stored marked as aborted
 */
public record TurnResult(String sessionKey, String reply, String reasoning, String model, String fallbackNotice,
        Usage usage, BigDecimal costUsd, List<ToolCallRecord> toolCalls, int compactions, boolean command,
        boolean aborted) {

    public TurnResult {
        usage = usage != null ? usage : Usage.ZERO;
        costUsd = costUsd != null ? costUsd : BigDecimal.ZERO;
        toolCalls = List.copyOf(toolCalls);
    }

    /** A turn that ran to its end. */
    public TurnResult(String sessionKey, String reply, String reasoning, String model, String fallbackNotice,
            Usage usage, BigDecimal costUsd, List<ToolCallRecord> toolCalls, int compactions, boolean command) {
        this(sessionKey, reply, reasoning, model, fallbackNotice, usage, costUsd, toolCalls, compactions, command, false);
    }

    public boolean isSilent() {
        return reply == null;
    }

    /** A turn (or command) aborted before it did anything; nothing of it was stored. */
    static TurnResult abortedUnstarted(String sessionKey, boolean command) {
        return new TurnResult(sessionKey, "", null, null, null, Usage.ZERO, BigDecimal.ZERO, List.of(), 0, command, true);
    }

    static TurnResult ofCommand(String sessionKey, String reply, Usage usage, BigDecimal cost, int compactions) {
        return new TurnResult(sessionKey, reply, null, null, null, usage, cost, List.of(), compactions, true);
    }
}
