package dev.clawgate.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.UntrustedContext;
import java.util.List;

/**
 * Who sent a message and from where, as the labelled, untrusted block the model receives beside the text.
 * Names and titles are chosen by strangers, so they are data in a JSON string, never instructions.
 */
public final class SenderContext {

    private SenderContext() {}

    public static String of(InboundMessage m) {
        ObjectNode meta = UntrustedContext.object().put("channel", m.channel())
                .put("chat_type", m.chatType() == ChatType.DIRECT ? "direct" : "group")
                .put("sender_id", m.senderId());
        if (m.senderName() != null) {
            meta.put("sender_name", m.senderName());
        }
        if (m.chatType() == ChatType.GROUP) {
            meta.put("group_id", m.chatId());
            if (m.groupTitle() != null) {
                meta.put("group_title", m.groupTitle());
            }
        }
        meta.put("message_id", m.messageId());
        return UntrustedContext.block("metadata", meta);
    }

    /**
     * The group's messages since the bot last answered there (not addressed to it), as a labelled, untrusted
     * block before the sender's metadata; empty for none.
     */
    static String recentGroupMessages(List<GroupHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return "";
        }
        ArrayNode list = UntrustedContext.object().arrayNode();
        for (GroupHistory.Entry e : entries) {
            ObjectNode o = list.addObject().put("sender_id", e.senderId());
            if (e.senderName() != null) {
                o.put("sender_name", e.senderName());
            }
            o.put("text", e.text());
        }
        return UntrustedContext.block("recent group messages since your last reply, not addressed to you", list);
    }
}
