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
 */
record SessionContext(String summary, List<Message> messages) {

    static final String SUMMARY_HEADING = "## Summary of the earlier conversation";

    SessionContext {
        messages = List.copyOf(messages);
    }

    static SessionContext load(SessionStore store, String key) {
        Optional<Long> summarySeq = store.latestSummarySeq(key);
        List<TranscriptEntry> entries = store.transcriptFrom(key, summarySeq.orElse(1L));
        String summary = null;
        List<Message> messages = new ArrayList<>();
        for (TranscriptEntry entry : entries) {
            if (entry.kind() == EntryKind.SUMMARY) {
                summary = entry.message().text();
            } else if (entry.kind() == EntryKind.MESSAGE) {
                messages.add(entry.message());
            }
        }
        return new SessionContext(summary, messages);
    }

    /** The agent's prompt, with the summary appended when there is one. */
    String systemPrompt(String agentPrompt) {
        return summary == null ? agentPrompt : agentPrompt + "\n\n" + SUMMARY_HEADING + "\n" + summary.strip();
    }
}
