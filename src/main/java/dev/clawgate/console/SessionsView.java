package dev.clawgate.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.List;

/**
 * Sessions and transcripts as the UI shows them. Reasoning parts are never included: not their text, not
 * that they existed. Tool calls and their results are separate items so the page can show them as cards;
 * compaction summaries are marked so it can show them as dividers.
 */
final class SessionsView {

    private SessionsView() {}

    static ArrayNode list(SessionStore store, String agentId) {
        ArrayNode out = ConsoleJson.array();
        for (SessionRecord s : store.listSessions(agentId)) {
            List<UsageRecord> usage = store.usage(s.key());
            long tokens = usage.stream().mapToLong(u -> u.usage().totalTokens()).sum();
            String model = usage.isEmpty() ? s.modelOverride() : usage.getLast().modelRef();
            out.addObject().put("key", s.key()).put("agent", s.agentId())
                    .put("createdAt", s.createdAt().toString()).put("updatedAt", s.updatedAt().toString())
                    .put("tokens", tokens).put("model", model).put("modelOverride", s.modelOverride())
                    .put("compactions", s.compactionCount());
        }
        return out;
    }

    static ObjectNode transcript(SessionStore store, String key) {
        SessionRecord session = store.findSession(key)
                .orElseThrow(() -> new ConsoleApiException(404, "no session '" + key + "'"));
        ObjectNode root = ConsoleJson.object();
        root.put("key", session.key());
        root.put("agent", session.agentId());
        ArrayNode items = root.putArray("items");
        for (TranscriptEntry e : store.transcript(key)) {
            addItems(items, e);
        }
        return root;
    }

    private static void addItems(ArrayNode items, TranscriptEntry e) {
        String at = e.createdAt() != null ? e.createdAt().toString() : null;
        if (e.kind() == EntryKind.SUMMARY) {
            items.addObject().put("type", "compaction").put("seq", e.seq()).put("at", at).put("text", text(e.message()));
            return;
        }
        if (e.kind() == EntryKind.ABORTED) { // the partial reply of a stopped turn
            items.addObject().put("type", "message").put("role", "assistant").put("aborted", true).put("seq", e.seq())
                    .put("at", at).put("text", text(e.message()));
            return;
        }
        if (e.kind() != EntryKind.MESSAGE) { // notices: a stopped run, a model switch
            items.addObject().put("type", "notice").put("kind", e.kind().dbValue()).put("seq", e.seq()).put("at", at)
                    .put("text", text(e.message()));
            return;
        }
        Message m = e.message();
        String text = text(m);
        if (!text.isEmpty() && m.role() != Message.Role.TOOL) {
            items.addObject().put("type", "message").put("role", m.role().name().toLowerCase(java.util.Locale.ROOT))
                    .put("seq", e.seq()).put("at", at).put("text", text);
        }
        for (Part p : m.parts()) {
            switch (p) {
                case Part.ToolCall c -> items.addObject().put("type", "tool_call").put("seq", e.seq()).put("id", c.id())
                        .put("name", c.name()).put("arguments", c.argumentsJson());
                case Part.ToolResult r -> items.addObject().put("type", "tool_result").put("seq", e.seq())
                        .put("id", r.toolCallId()).put("name", r.name()).put("content", r.content())
                        .put("isError", r.isError());
                default -> { }
            }
        }
    }

    /** The message's text parts only: reasoning is left out by construction. */
    private static String text(Message m) {
        if (m == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : m.parts()) {
            if (p instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
