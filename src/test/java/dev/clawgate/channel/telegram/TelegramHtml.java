package dev.clawgate.channel.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Telegram's HTML parse mode as {@link FakeTelegramBotApi} checks it: only its tags, properly nested. */
final class TelegramHtml {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z-]+)[^>]*>");
    private static final List<String> TAGS = List.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji");

    private TelegramHtml() {}

    /** What Telegram says is wrong with the markup ("Unsupported start tag …"), or null. */
    static String problem(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (!TAGS.contains(name)) {
                return "Unsupported start tag \"" + name + "\" at byte offset " + m.start();
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                return "Unexpected end tag at byte offset " + m.start();
            }
        }
        return open.isEmpty() ? null : "Can't find end tag corresponding to start tag \"" + open.peek() + "\"";
    }

    /** The formatting of the text (its tags in order; none outside HTML mode), to tell an edit that changes it. */
    static String markup(String text, String parseMode) {
        if (!"HTML".equals(parseMode)) {
            return "";
        }
        StringBuilder tags = new StringBuilder();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            tags.append(m.group().toLowerCase());
        }
        return tags.toString();
    }

    /** The text a reader sees (the message's {@code text} field): tags dropped and entities decoded in HTML mode. */
    static String visible(String text, String parseMode) {
        return "HTML".equals(parseMode) ? text.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&") : text;
    }
}
