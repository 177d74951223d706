package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A complete JSON5 reader (https://spec.json5.org) that builds a Jackson {@link JsonNode} tree and records
 * the line and column of every key and value.
 *
 * <p>Why not a library: every configuration problem (a typo, a wrong type, a missing variable) has to be
 * reported as {@code file:line:col}, so we need source positions for every element, not only for syntax
 * errors. de.marhali json5-java 3.0.0 keeps comments but no positions on its elements (and rejects
 * {@code 5.}, accepts leading zeros); Jackson 2's JSON5-ish flags have positions but no hex numbers, no
 * {@code \x41 \v \0} escapes, wrong line continuations and no JSON5 whitespace (see java-stack.md §4).
 * The grammar is small enough that a hand-written reader is the simplest correct option.
 *
 * <p>Objects keep their key order; a repeated key keeps the later value (as JSON5 does) and is reported in
 * {@link Json5Document#duplicateKeys()}. Integers become int/long/BigInteger nodes, everything with a
 * fraction, exponent, {@code Infinity} or {@code NaN} a double node.
 */
public final class Json5Reader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Lines mentioning these may hold a credential, so a syntax error never quotes them. */
    private static final Pattern SECRET_WORDS =
            Pattern.compile("(?i)key|token|secret|password|authorization|bearer");

    private final String text;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final Map<String, SourcePosition> valuePositions = new HashMap<>();
    private final Map<String, SourcePosition> keyPositions = new HashMap<>();
    private final List<Json5Document.DuplicateKey> duplicates = new ArrayList<>();

    private Json5Reader(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /**
     * Parses {@code text}.
     *
     * @param file the name positions and errors carry
     * @throws Json5SyntaxException at the first syntax error
     */
    public static Json5Document read(String text, String file) {
        Json5Reader reader = new Json5Reader(text, file);
        JsonNode root = reader.document();
        return new Json5Document(root, reader.valuePositions, reader.keyPositions, reader.duplicates);
    }

    private JsonNode document() {
        skipWhitespace();
        if (atEnd()) {
            throw error("the file is empty, expected a value such as {}");
        }
        JsonNode root = value("");
        skipWhitespace();
        if (!atEnd()) {
            throw error("unexpected " + describe(peek()) + " after the end of the document");
        }
        return root;
    }

    private JsonNode value(String path) {
        skipWhitespace();
        if (atEnd()) {
            throw error("unexpected end of input, expected a value");
        }
        valuePositions.put(path, here());
        char c = peek();
        if (c == '{') {
            return object(path);
        }
        if (c == '[') {
            return array(path);
        }
        if (c == '"' || c == '\'') {
            return NODES.textNode(string());
        }
        if (c == '-' || c == '+' || c == '.' || isDigit(c) || c == 'I' || c == 'N') {
            return number();
        }
        if (Character.isLetter(c)) {
            return literal();
        }
        throw error("unexpected " + describe(c) + ", expected a value");
    }

    private ObjectNode object(String path) {
        SourcePosition opened = here();
        advance(); // {
        ObjectNode object = NODES.objectNode();
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                throw error("unexpected end of input, expected a key or '}' (object opened at "
                        + opened.line() + ":" + opened.column() + ")");
            }
            if (peek() == '}') {
                advance();
                return object;
            }
            SourcePosition keyPosition = here();
            String key = key();
            String childPath = ConfigPaths.child(path, key);
            skipWhitespace();
            if (atEnd() || peek() != ':') {
                throw error("unexpected " + describeHere() + ", expected ':' after key '" + key + "'");
            }
            advance();
            if (object.has(key)) {
                duplicates.add(new Json5Document.DuplicateKey(childPath, keyPosition));
                forgetPositionsWithin(childPath);
            }
            keyPositions.put(childPath, keyPosition);
            object.set(key, value(childPath));
            skipWhitespace();
            if (!atEnd() && peek() == ',') {
                advance();
            } else if (!atEnd() && peek() == '}') {
                advance();
                return object;
            } else {
                throw error("unexpected " + describeHere() + ", expected ',' or '}'");
            }
        }
    }

    private ArrayNode array(String path) {
        SourcePosition opened = here();
        advance(); // [
        ArrayNode array = NODES.arrayNode();
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                throw error("unexpected end of input, expected a value or ']' (array opened at "
                        + opened.line() + ":" + opened.column() + ")");
            }
            if (peek() == ']') {
                advance();
                return array;
            }
            array.add(value(ConfigPaths.index(path, array.size())));
            skipWhitespace();
            if (!atEnd() && peek() == ',') {
                advance();
            } else if (!atEnd() && peek() == ']') {
                advance();
                return array;
            } else {
                throw error("unexpected " + describeHere() + ", expected ',' or ']'");
            }
        }
    }

    private String key() {
        char c = peek();
        if (c == '"' || c == '\'') {
            return string();
        }
        StringBuilder name = new StringBuilder();
        while (!atEnd()) {
            int cp = text.codePointAt(pos);
            boolean first = name.isEmpty();
            if (cp == '\\') {
                SourcePosition escape = here();
                advance();
                if (atEnd() || peek() != 'u') {
                    throw error(escape, "only \\u escapes are allowed in unquoted keys");
                }
                advance();
                int escaped = hex(4);
                if (!(first ? isIdentifierStart(escaped) : isIdentifierPart(escaped))) {
                    throw error(escape, "the escape \\u" + String.format("%04X", escaped)
                            + " is not allowed in an unquoted key");
                }
                name.appendCodePoint(escaped);
            } else if (first ? isIdentifierStart(cp) : isIdentifierPart(cp)) {
                name.appendCodePoint(cp);
                pos += Character.charCount(cp);
            } else {
                break;
            }
        }
        if (name.isEmpty()) {
            throw error("unexpected " + describe(c) + ", expected a key or '}'");
        }
        return name.toString();
    }

    private String string() {
        SourcePosition opened = here();
        char quote = peek();
        advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error(opened, "unterminated string (no closing " + quote + ")");
            }
            char c = peek();
            if (c == quote) {
                advance();
                return out.toString();
            }
            if (c == '\n' || c == '\r') {
                throw error("line break inside a string; write \\n, or end the line with a backslash to "
                        + "continue the string on the next line");
            }
            if (c == '\\') {
                escape(out);
            } else {
                out.append(c);
                advance();
            }
        }
    }

    private void escape(StringBuilder out) {
        SourcePosition at = here();
        advance(); // backslash
        if (atEnd()) {
            throw error(at, "unterminated string (backslash at end of input)");
        }
        char c = peek();
        switch (c) {
            case '\r' -> {
                advance();
                if (!atEnd() && peek() == '\n') {
                    advance();
                }
            }
            case '\n', '\u2028', '\u2029' -> advance(); // line continuation: both characters vanish
            case 'b' -> append(out, '\b');
            case 'f' -> append(out, '\f');
            case 'n' -> append(out, '\n');
            case 'r' -> append(out, '\r');
            case 't' -> append(out, '\t');
            case 'v' -> append(out, '\u000B');
            case '0' -> {
                advance();
                if (!atEnd() && isDigit(peek())) {
                    throw error(at, "octal escapes such as \\0" + peek() + " are not allowed in JSON5");
                }
                out.append('\0');
            }
            case 'x' -> {
                advance();
                out.append((char) hex(2));
            }
            case 'u' -> {
                advance();
                out.append((char) hex(4));
            }
            default -> {
                if (isDigit(c)) {
                    throw error(at, "the escape \\" + c + " is not allowed in JSON5");
                }
                append(out, c); // \' \" \\ \/ and any other character stand for themselves
            }
        }
    }

    private void append(StringBuilder out, char c) {
        out.append(c);
        advance();
    }

    private int hex(int digits) {
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = atEnd() ? -1 : Character.digit(peek(), 16);
            if (d < 0) {
                throw error("unexpected " + describeHere() + ", expected a hexadecimal digit");
            }
            value = value * 16 + d;
            advance();
        }
        return value;
    }

    private JsonNode number() {
        int start = pos;
        boolean negative = false;
        if (peek() == '+' || peek() == '-') {
            negative = peek() == '-';
            advance();
        }
        if (!atEnd() && (peek() == 'I' || peek() == 'N')) {
            String word = word();
            if (word.equals("Infinity")) {
                return NODES.numberNode(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            if (word.equals("NaN")) {
                return NODES.numberNode(Double.NaN);
            }
            throw error(at(start), "unexpected '" + text.substring(start, pos) + "', expected a value"
                    + (start == pos - word.length() ? " (strings must be quoted)" : ""));
        }
        if (!atEnd() && peek() == '0' && pos + 1 < text.length()
                && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'X')) {
            advance();
            advance();
            int digitsStart = pos;
            while (!atEnd() && Character.digit(peek(), 16) >= 0) {
                advance();
            }
            if (pos == digitsStart) {
                throw error("unexpected " + describeHere() + ", expected a hexadecimal digit");
            }
            BigInteger value = new BigInteger(text.substring(digitsStart, pos), 16);
            requireNumberEnd();
            return integer(negative ? value.negate() : value);
        }
        int intDigits = digits();
        if (intDigits > 1 && text.charAt(pos - intDigits) == '0') {
            throw error(at(pos - intDigits), "leading zeros are not allowed in numbers");
        }
        boolean fractional = false;
        int fractionDigits = 0;
        if (!atEnd() && peek() == '.') {
            fractional = true;
            advance();
            fractionDigits = digits();
        }
        if (intDigits == 0 && fractionDigits == 0) {
            throw error(at(start), "unexpected " + describe(text.charAt(start)) + ", expected a value");
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            fractional = true;
            advance();
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                advance();
            }
            if (digits() == 0) {
                throw error("unexpected " + describeHere() + ", expected the exponent's digits");
            }
        }
        requireNumberEnd();
        String literal = text.substring(start, pos);
        if (fractional) {
            return NODES.numberNode(Double.parseDouble(literal));
        }
        return integer(new BigInteger(literal.startsWith("+") ? literal.substring(1) : literal));
    }

    private static JsonNode integer(BigInteger value) {
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        if (value.bitLength() < 64) {
            return NODES.numberNode(value.longValue());
        }
        return NODES.numberNode(value);
    }

    private int digits() {
        int n = 0;
        while (!atEnd() && isDigit(peek())) {
            advance();
            n++;
        }
        return n;
    }

    /** {@code 12abc} or {@code 007}-like run-ons are one bad token, not a number followed by junk. */
    private void requireNumberEnd() {
        if (!atEnd() && (isIdentifierPart(text.codePointAt(pos)) || peek() == '.')) {
            throw error("unexpected " + describeHere() + " in a number");
        }
    }

    private JsonNode literal() {
        int start = pos;
        String word = word();
        return switch (word) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> throw error(at(start), "unexpected '" + word + "', expected a value (strings must be"
                    + " quoted: \"" + word + "\")");
        };
    }

    private String word() {
        int start = pos;
        while (!atEnd() && isIdentifierPart(text.codePointAt(pos))) {
            pos += Character.charCount(text.codePointAt(pos));
        }
        return text.substring(start, pos);
    }

    private void skipWhitespace() {
        while (!atEnd()) {
            char c = peek();
            if (isWhitespace(c)) {
                advance();
            } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
                while (!atEnd() && !isLineTerminator(peek())) {
                    advance();
                }
            } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                SourcePosition opened = here();
                advance();
                advance();
                while (true) {
                    if (pos + 1 >= text.length()) {
                        throw error(opened, "unterminated /* comment");
                    }
                    if (peek() == '*' && text.charAt(pos + 1) == '/') {
                        break;
                    }
                    advance();
                }
                advance();
                advance();
            } else if (c == '#') {
                throw error("unexpected '#': JSON5 has no # comments, use // or /* */");
            } else {
                return;
            }
        }
    }

    // ---- characters and positions

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    /** Consumes one character, keeping line and column right (CRLF is one line break). */
    private void advance() {
        char c = text.charAt(pos++);
        boolean lineBreak = c == '\n' || c == '\u2028' || c == '\u2029'
                || (c == '\r' && (atEnd() || peek() != '\n'));
        if (lineBreak) {
            line++;
            lineStart = pos;
        }
    }

    private SourcePosition here() {
        return new SourcePosition(file, line, pos - lineStart + 1);
    }

    /** The position of an offset on the current line (numbers and words never span lines). */
    private SourcePosition at(int offset) {
        return new SourcePosition(file, line, offset - lineStart + 1);
    }

    private void forgetPositionsWithin(String path) {
        valuePositions.keySet().removeIf(p -> ConfigPaths.isWithin(p, path));
        keyPositions.keySet().removeIf(p -> ConfigPaths.isWithin(p, path));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isWhitespace(char c) {
        return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
                || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** ECMAScript IdentifierStart: a Unicode letter, {@code $} or {@code _}. */
    private static boolean isIdentifierStart(int cp) {
        return cp == '$' || cp == '_' || Character.isLetter(cp) || Character.getType(cp) == Character.LETTER_NUMBER;
    }

    /** ECMAScript IdentifierPart: a start character, combining mark, digit, connector, ZWNJ or ZWJ. */
    private static boolean isIdentifierPart(int cp) {
        if (isIdentifierStart(cp) || cp == '\u200C' || cp == '\u200D') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.CONNECTOR_PUNCTUATION;
    }

    // ---- errors

    private String describeHere() {
        return atEnd() ? "end of input" : describe(peek());
    }

    private static String describe(char c) {
        if (c < ' ' || Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF') {
            return String.format(Locale.ROOT, "character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private Json5SyntaxException error(String problem) {
        return error(here(), problem);
    }

    private Json5SyntaxException error(SourcePosition at, String problem) {
        return new Json5SyntaxException(at, problem, quoteLine(at.line()));
    }

    /** The offending line, trimmed and shortened, or null when it might hold a credential. */
    private String quoteLine(int wanted) {
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
