package dev.clawgate.agent;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an aborted turn stores after its user message: the steps it completed, an error result for each
 * tool call the model asked for that did not run (a call without its result breaks the next request on
 * every API), and the partial reply as an {@link EntryKind#ABORTED} entry, with the usage of the calls that
 * finished.
 */
final class AbortedTurn {

    static final String NOT_RUN = "Not run: the turn was aborted.";

    private AbortedTurn() {}

    /**
     * @param unstored the turn's messages not stored yet, in order (everything after its user message)
     * @param partial the reply text of the unfinished step that the user had seen, possibly empty
     */
    static Turn of(List<Message> unstored, String partial, List<UsageRecord> usage) {
        List<Turn.Entry> entries = new ArrayList<>();
        unstored.forEach(m -> entries.add(new Turn.Entry(EntryKind.MESSAGE, m)));
        unansweredCalls(unstored).forEach((id, name) -> entries.add(new Turn.Entry(EntryKind.MESSAGE,
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult(id, name, NOT_RUN, true))))));
        entries.add(new Turn.Entry(EntryKind.ABORTED, new Message(Message.Role.ASSISTANT, List.of(new Part.Text(partial)))));
        return new Turn(entries, usage);
    }

    /** The last assistant message's tool calls that have no result after it, id to tool name. */
    private static Map<String, String> unansweredCalls(List<Message> messages) {
        Map<String, String> open = new LinkedHashMap<>();
        for (Message m : messages) {
            for (Part p : m.parts()) {
                switch (p) {
                    case Part.ToolCall c -> open.put(c.id(), c.name());
                    case Part.ToolResult r -> open.remove(r.toolCallId());
                    default -> { }
                }
            }
        }
        return open;
    }
}
