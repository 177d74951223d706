package dev.clawgate.channel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The group messages the bot saw but was not asked about ({@code historyLimit} per group, oldest dropped
 * first), handed to the next turn that mentions it so that "what do you think?" has something to refer to, then
 * forgotten. Kept in memory: after a restart a group starts with none (its unanswered messages replay through
 * the inbox and refill it).
 */
final class GroupHistory {

    /** One remembered message: who wrote it and what. */
    record Entry(String senderId, String senderName, String text) {}

    private final Map<String, Deque<Entry>> byGroup = new HashMap<>();

    /** Remembers an unmentioned group message; nothing when {@code limit} is 0 or the message has no text. */
    synchronized void remember(InboundMessage m, int limit) {
        String text = m.text().isBlank() && m.media() != null ? "<" + m.media() + ">" : m.text();
        if (limit <= 0 || text.isBlank()) {
            return;
        }
        Deque<Entry> entries = byGroup.computeIfAbsent(key(m), k -> new ArrayDeque<>());
        entries.addLast(new Entry(m.senderId(), m.senderName(), text));
        while (entries.size() > limit) {
            entries.removeFirst();
        }
    }

    /** The remembered messages of the message's group, oldest first, and forgets them. */
    synchronized List<Entry> take(InboundMessage m) {
        Deque<Entry> entries = byGroup.remove(key(m));
        return entries == null ? List.of() : List.copyOf(entries);
    }

    private static String key(InboundMessage m) {
        return m.channel() + "\u0000" + m.chatId();
    }
}
