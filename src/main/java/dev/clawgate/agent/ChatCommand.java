package dev.clawgate.agent;

import java.util.Locale;
import java.util.Optional;

/**
 * A chat command at the start of a message: {@code /new}, {@code /reset}, {@code /compact [instructions]},
 * {@code /model [ref|alias|default]}, {@code /status}, {@code /usage}. Anything else that starts with a
 * slash is an ordinary message for the model.
 *
 * @param name the command without the slash, lower case
 * @param argument the rest of the message, trimmed; empty when none
 */
public record ChatCommand(String name, String argument) {

    public static final java.util.List<String> NAMES = java.util.List.of("new", "reset", "compact", "model",
            "status", "usage");

    public static Optional<ChatCommand> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (!t.startsWith("/") || t.length() < 2) {
            return Optional.empty();
        }
        int space = indexOfWhitespace(t);
        String name = t.substring(1, space < 0 ? t.length() : space).toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        String argument = space < 0 ? "" : t.substring(space).strip();
        return Optional.of(new ChatCommand(name, argument));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
