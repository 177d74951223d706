package dev.clawgate.agent.store;

import java.util.Locale;

/**
 * What a transcript entry is: a {@code MESSAGE} of the conversation, a compaction {@code SUMMARY} that
 * stands in for the entries before it, or a {@code NOTICE} for the user (a stopped run, a model switch)
 * that is not sent to the model, or the {@code ABORTED} partial reply of a turn that was stopped before it
 * ended (an assistant message whose text is what the user had seen; the model is told only that its reply
 * was stopped, as OpenClaw does, not the unfinished text).
 */
public enum EntryKind {
    MESSAGE, SUMMARY, NOTICE, ABORTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EntryKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
