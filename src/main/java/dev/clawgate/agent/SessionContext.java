package dev.clawgate.agent;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.wire.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a session sends to its model: the latest compaction summary (null before the first compaction)
 * and the messages stored after it. The summary travels in the system prompt, not as a message, so the
 * conversation still starts with a user message and alternates as strict chat templates require.
 *
 * <p>A user message is stored before its turn calls the model, so a turn that failed, crashed or was
 * aborted leaves it behind. The model sees such a turn closed by a short assistant marker (the unfinished
 * text of an aborted reply is not replayed, as in OpenClaw), so user and assistant still alternate.
 */
record SessionContext(String summary, List<Message> messages) {

    static final String SUMMARY_HEADING = "## Summary of the earlier conversation";
    static final String ABORTED_MARKER = "[This reply was stopped by the user before it was complete.]";
    static final String NO_REPLY_MARKER = "[No reply: the turn for this message did not complete.]";

    SessionContext {
        messages = List.copyOf(messages);
    }

    static SessionContext load(SessionStore store, String key) {
        return load(store, key, 0);
    }

    /**
     * @param runningTurnStored how many messages at the end of the transcript belong to the turn now running
     *     (its user message, stored early): they are the turn's own, not context
     */
    static SessionContext load(SessionStore store, String key, int runningTurnStored) {
        Optional<Long> summarySeq = store.latestSummarySeq(key);
        List<TranscriptEntry> entries = store.transcriptFrom(key, summarySeq.orElse(1L));
        String summary = null;
        List<Message> messages = new ArrayList<>();
        for (TranscriptEntry entry : entries) {
            switch (entry.kind()) {
                case SUMMARY -> summary = entry.message().text();
                case MESSAGE -> messages.add(entry.message());
                case ABORTED -> messages.add(Message.assistant(ABORTED_MARKER));
                case NOTICE -> { }
            }
        }
        List<Message> context = messages.subList(0, Math.max(0, messages.size() - runningTurnStored));
        return new SessionContext(summary, closeUnansweredTurns(context));
    }

    /** Every user message is followed by an assistant or tool message before the next user message. */
    private static List<Message> closeUnansweredTurns(List<Message> messages) {
        List<Message> out = new ArrayList<>(messages.size() + 1);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            out.add(m);
            boolean nextIsUser = i + 1 == messages.size() || messages.get(i + 1).role() == Message.Role.USER;
            if (m.role() == Message.Role.USER && nextIsUser) {
                out.add(Message.assistant(NO_REPLY_MARKER));
            }
        }
        return out;
    }

    /** The agent's prompt, with the summary appended when there is one. */
    String systemPrompt(String agentPrompt) {
        return summary == null ? agentPrompt : agentPrompt + "\n\n" + SUMMARY_HEADING + "\n" + summary.strip();
    }
}
