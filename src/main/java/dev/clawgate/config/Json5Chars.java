package dev.clawgate.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** JSON5's character classes (ECMAScript 5.1 whitespace, line terminators, identifiers) and error text. */
final class Json5Chars {

    /** Lines mentioning these may hold a credential, so a syntax error never quotes them. */
    private static final Pattern SECRET_WORDS =
            Pattern.compile("(?i)key|token|secret|password|authorization|bearer");

    private Json5Chars() {}

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    static boolean isWhitespace(char c) {
        return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
                || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** ECMAScript IdentifierStart: a Unicode letter, {@code $} or {@code _}. */
    static boolean isIdentifierStart(int cp) {
        return cp == '$' || cp == '_' || Character.isLetter(cp) || Character.getType(cp) == Character.LETTER_NUMBER;
    }

    /** ECMAScript IdentifierPart: a start character, combining mark, digit, connector, ZWNJ or ZWJ. */
    static boolean isIdentifierPart(int cp) {
        if (isIdentifierStart(cp) || cp == '\u200C' || cp == '\u200D') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.CONNECTOR_PUNCTUATION;
    }

    static String describe(char c) {
        if (c < ' ' || Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF') {
            return String.format(Locale.ROOT, "character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    /** The offending line, trimmed and shortened, or null when it might hold a credential. */
    static String quoteLine(String text, int wanted) {
        String[] lines = text.split("\r\n|[\n\r\u2028\u2029]", -1);
        if (wanted < 1 || wanted > lines.length) {
            return null;
        }
        String content = lines[wanted - 1].strip();
        if (content.isEmpty() || SECRET_WORDS.matcher(content).find()) {
            return null;
        }
        if (content.length() > 80) {
            content = content.substring(0, 77) + "...";
        }
        return "line " + wanted + ": " + content;
    }
}
