package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a session sends to its model: the latest compaction summary (null before the first compaction)
 * and the messages stored after it, with their token estimate. The summary travels in the system prompt,
 * not as a message, so the conversation still starts with a user message and alternates as strict chat
 * templates require.
 *
 * <p>A user message is stored before its turn calls the model, so a turn that failed, crashed or was
 * aborted leaves it behind. The model sees such a turn closed by a short assistant marker (the unfinished
 * text of an aborted reply is not replayed, as in OpenClaw), so user and assistant still alternate.
 *
 * @param messagesTokens the sum of {@link TokenEstimator#estimateMessageTokens} over {@code messages}
 */
record SessionContext(String summary, List<Message> messages, long messagesTokens) {

    static final String SUMMARY_HEADING = "## Summary of the earlier conversation";
    static final String ABORTED_MARKER = "[This reply was stopped by the user before it was complete.]";
    static final String NO_REPLY_MARKER = "[No reply: the turn for this message did not complete.]";

    SessionContext {
        messages = List.copyOf(messages);
    }

    /** A stored message of the context with its token estimate, counted once. */
    record Counted(Message message, long tokens) {}

    /** Reads the context from the store without a working set (tools and tests). */
    static SessionContext load(SessionStore store, String key) {
        TokenEstimator tokens = TokenEstimator.shared();
        Optional<Long> summarySeq = store.latestSummarySeq(key);
        SessionWorkingSet.Items items = new SessionWorkingSet.Items();
        for (TranscriptEntry entry : store.transcriptFrom(key, summarySeq.orElse(1L))) {
            items.add(entry, tokens);
        }
        return of(items.summary(), items.messages(), 0, tokens);
    }

    /**
     * @param stored the stored messages after the latest summary, in order, aborted replies as markers
     * @param runningTurnStored how many of them at the end belong to the turn now running (its user message,
     *     stored early): they are the turn's own, not context
     */
    static SessionContext of(String summary, List<Counted> stored, int runningTurnStored, TokenEstimator tokens) {
        List<Counted> context = stored.subList(0, Math.max(0, stored.size() - runningTurnStored));
        List<Message> messages = new ArrayList<>(context.size() + 1);
        long sum = 0;
        for (int i = 0; i < context.size(); i++) {
            Counted c = context.get(i);
            messages.add(c.message());
            sum += c.tokens();
            boolean nextIsUser = i + 1 == context.size() || context.get(i + 1).message().role() == Message.Role.USER;
            if (c.message().role() == Message.Role.USER && nextIsUser) {
                Message marker = Message.assistant(NO_REPLY_MARKER); // every user message gets an answer
                messages.add(marker);
                sum += tokens.estimateMessageTokens(marker);
            }
        }
        return new SessionContext(summary, messages, sum);
    }

    /** The agent's prompt, with the summary appended when there is one. */
    String systemPrompt(String agentPrompt) {
        return summary == null ? agentPrompt : agentPrompt + "\n\n" + SUMMARY_HEADING + "\n" + summary.strip();
    }
}
