package dev.clawgate.agent.store;

import dev.clawgate.wire.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run adds to a session, written in one transaction: the user message, the assistant messages,
 * the tool calls and results in between, and a usage row per model request. Either all of it is stored
 * or none of it.
 */
public record Turn(List<Entry> entries, List<UsageRecord> usage) {

    public Turn {
        entries = List.copyOf(entries);
        usage = List.copyOf(usage);
        if (entries.isEmpty() && usage.isEmpty()) {
            throw new IllegalArgumentException("an empty turn");
        }
    }

    /**
     * @param inboundId the chat channel's id of the message this user entry stores ({@code telegram:1234}), so
     *     that running the message again after a restart finds it ({@link SessionStore#findInbound}); else null
     */
    public record Entry(EntryKind kind, Message message, String inboundId) {

        public Entry(EntryKind kind, Message message) {
            this(kind, message, null);
        }
    }

    /** A turn of ordinary messages plus its usage rows. */
    public static Turn of(List<Message> messages, List<UsageRecord> usage) {
        List<Entry> entries = new ArrayList<>(messages.size());
        for (Message m : messages) {
            entries.add(new Entry(EntryKind.MESSAGE, m));
        }
        return new Turn(entries, usage);
    }
}
