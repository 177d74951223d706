package dev.clawgate.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a session as JSONL, one JSON object per line:
 * <pre>{"type":"session","key":…,"agentId":…,"createdAt":"…","updatedAt":"…","modelOverride":…,"compactionCount":0}
 * {"type":"entry","seq":1,"kind":"message","createdAt":"…","message":{"role":"user","parts":[…]}}
 * {"type":"usage","modelRef":…,"inputTokens":…,…}</pre>
 */
final class SessionJsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionJsonl() {}

    static void write(SessionStore store, String key, Writer out) throws IOException {
        SessionRecord session = store.findSession(key)
                .orElseThrow(() -> new SessionStoreException("no session " + key));
        ObjectNode header = JSON.createObjectNode();
        header.put("type", "session");
        header.put("key", session.key());
        header.put("agentId", session.agentId());
        header.put("createdAt", session.createdAt().toString());
        header.put("updatedAt", session.updatedAt().toString());
        header.put("modelOverride", session.modelOverride());
        header.put("compactionCount", session.compactionCount());
        line(out, header);
        for (TranscriptEntry entry : store.transcript(key)) {
            ObjectNode node = JSON.createObjectNode();
            node.put("type", "entry");
            node.put("seq", entry.seq());
            node.put("kind", entry.kind().dbValue());
            node.put("createdAt", entry.createdAt().toString());
            node.set("message", MessageJson.toNode(entry.message()));
            line(out, node);
        }
        for (UsageRecord usage : store.usage(key)) {
            ObjectNode node = JSON.createObjectNode();
            node.put("type", "usage");
            node.put("modelRef", usage.modelRef());
            node.put("inputTokens", usage.usage().inputTokens());
            node.put("outputTokens", usage.usage().outputTokens());
            node.put("cacheReadTokens", usage.usage().cacheReadTokens());
            node.put("cacheWriteTokens", usage.usage().cacheWriteTokens());
            node.put("reasoningTokens", usage.usage().reasoningTokens());
            node.put("estimated", usage.usage().estimated());
            node.put("costUsd", usage.costUsd());
            node.put("durationMs", usage.durationMs());
            node.put("fellBack", usage.fellBack());
            node.put("fallbackReason", usage.fallbackReason());
            node.put("createdAt", usage.createdAt().toString());
            line(out, node);
        }
        out.flush();
    }

    private static void line(Writer out, ObjectNode node) throws IOException {
        // Jackson escapes control characters (\n and \r included) in strings, so one object is one line.
        out.write(node.toString());
        out.write('\n');
    }
}
