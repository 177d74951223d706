package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final Json5Cursor in;
    private final Map<String, SourcePosition> valuePositions = new HashMap<>();
    private final Map<String, SourcePosition> keyPositions = new HashMap<>();
    private final List<Json5Document.DuplicateKey> duplicates = new ArrayList<>();

    private Json5Reader(String text, String file) {
        this.in = new Json5Cursor(text, file);
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
        if (in.atEnd()) {
            throw in.error("the file is empty, expected a value such as {}");
        }
        JsonNode root = value("");
        skipWhitespace();
        if (!in.atEnd()) {
            throw in.error("unexpected " + Json5Chars.describe(in.peek()) + " after the end of the document");
        }
        return root;
    }

    private JsonNode value(String path) {
        skipWhitespace();
        if (in.atEnd()) {
            throw in.error("unexpected end of input, expected a value");
        }
        valuePositions.put(path, in.here());
        char c = in.peek();
        if (c == '{') {
            return object(path);
        }
        if (c == '[') {
            return array(path);
        }
        if (c == '"' || c == '\'') {
            return NODES.textNode(string());
        }
        if (c == '-' || c == '+' || c == '.' || Json5Chars.isDigit(c) || c == 'I' || c == 'N') {
            return number();
        }
        if (Character.isLetter(c)) {
            return literal();
        }
        throw in.error("unexpected " + Json5Chars.describe(c) + ", expected a value");
    }

    private ObjectNode object(String path) {
        SourcePosition opened = in.here();
        in.advance(); // {
        ObjectNode object = NODES.objectNode();
        while (true) {
            skipWhitespace();
            if (in.atEnd()) {
                throw in.error("unexpected end of input, expected a key or '}' (object opened at "
                        + opened.line() + ":" + opened.column() + ")");
            }
            if (in.peek() == '}') {
                in.advance();
                return object;
            }
            SourcePosition keyPosition = in.here();
            String key = key();
            String childPath = ConfigPaths.child(path, key);
            skipWhitespace();
            if (in.atEnd() || in.peek() != ':') {
                throw in.error("unexpected " + in.describeHere() + ", expected ':' after key '" + key + "'");
            }
            in.advance();
            if (object.has(key)) {
                duplicates.add(new Json5Document.DuplicateKey(childPath, keyPosition));
                forgetPositionsWithin(childPath);
            }
            keyPositions.put(childPath, keyPosition);
            object.set(key, value(childPath));
            skipWhitespace();
            if (!in.atEnd() && in.peek() == ',') {
                in.advance();
            } else if (!in.atEnd() && in.peek() == '}') {
                in.advance();
                return object;
            } else {
                throw in.error("unexpected " + in.describeHere() + ", expected ',' or '}'");
            }
        }
    }

    private ArrayNode array(String path) {
        SourcePosition opened = in.here();
        in.advance(); // [
        ArrayNode array = NODES.arrayNode();
        while (true) {
            skipWhitespace();
            if (in.atEnd()) {
                throw in.error("unexpected end of input, expected a value or ']' (array opened at "
                        + opened.line() + ":" + opened.column() + ")");
            }
            if (in.peek() == ']') {
                in.advance();
                return array;
            }
            array.add(value(ConfigPaths.index(path, array.size())));
            skipWhitespace();
            if (!in.atEnd() && in.peek() == ',') {
                in.advance();
            } else if (!in.atEnd() && in.peek() == ']') {
                in.advance();
                return array;
            } else {
                throw in.error("unexpected " + in.describeHere() + ", expected ',' or ']'");
            }
        }
    }

    private String key() {
        char c = in.peek();
        if (c == '"' || c == '\'') {
            return string();
        }
        StringBuilder name = new StringBuilder();
        while (!in.atEnd()) {
            int cp = in.codePoint();
            boolean first = name.isEmpty();
            if (cp == '\\') {
                SourcePosition escape = in.here();
                in.advance();
                if (in.atEnd() || in.peek() != 'u') {
                    throw in.error(escape, "only \\u escapes are allowed in unquoted keys");
                }
                in.advance();
                int escaped = hex(4);
                if (!(first ? Json5Chars.isIdentifierStart(escaped) : Json5Chars.isIdentifierPart(escaped))) {
                    throw in.error(escape, "the escape \\u" + String.format("%04X", escaped)
                            + " is not allowed in an unquoted key");
                }
                name.appendCodePoint(escaped);
            } else if (first ? Json5Chars.isIdentifierStart(cp) : Json5Chars.isIdentifierPart(cp)) {
                name.appendCodePoint(cp);
                in.advanceCodePoint();
            } else {
                break;
            }
        }
        if (name.isEmpty()) {
            throw in.error("unexpected " + Json5Chars.describe(c) + ", expected a key or '}'");
        }
        return name.toString();
    }

    private String string() {
        SourcePosition opened = in.here();
        char quote = in.peek();
        in.advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (in.atEnd()) {
                throw in.error(opened, "unterminated string (no closing " + quote + ")");
            }
            char c = in.peek();
            if (c == quote) {
                in.advance();
                return out.toString();
            }
            if (c == '\n' || c == '\r') {
                throw in.error("line break inside a string; write \\n, or end the line with a backslash to "
                        + "continue the string on the next line");
            }
            if (c == '\\') {
                escape(out);
            } else {
                out.append(c);
                in.advance();
            }
        }
    }

    private void escape(StringBuilder out) {
        SourcePosition at = in.here();
        in.advance(); // backslash
        if (in.atEnd()) {
            throw in.error(at, "unterminated string (backslash at end of input)");
        }
        char c = in.peek();
        switch (c) {
            case '\r' -> {
                in.advance();
                if (!in.atEnd() && in.peek() == '\n') {
                    in.advance();
                }
            }
            case '\n', '\u2028', '\u2029' -> in.advance(); // line continuation: both characters vanish
            case 'b' -> append(out, '\b');
            case 'f' -> append(out, '\f');
            case 'n' -> append(out, '\n');
            case 'r' -> append(out, '\r');
            case 't' -> append(out, '\t');
            case 'v' -> append(out, '\u000B');
            case '0' -> {
                in.advance();
                if (!in.atEnd() && Json5Chars.isDigit(in.peek())) {
                    throw in.error(at, "octal escapes such as \\0" + in.peek() + " are not allowed in JSON5");
                }
                out.append('\0');
            }
            case 'x' -> {
                in.advance();
                out.append((char) hex(2));
            }
            case 'u' -> {
                in.advance();
                out.append((char) hex(4));
            }
            default -> {
                if (Json5Chars.isDigit(c)) {
                    throw in.error(at, "the escape \\" + c + " is not allowed in JSON5");
                }
                append(out, c); // \' \" \\ \/ and any other character stand for themselves
            }
        }
    }

    private void append(StringBuilder out, char c) {
        out.append(c);
        in.advance();
    }

    private int hex(int digits) {
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = in.atEnd() ? -1 : Character.digit(in.peek(), 16);
            if (d < 0) {
                throw in.error("unexpected " + in.describeHere() + ", expected a hexadecimal digit");
            }
            value = value * 16 + d;
            in.advance();
        }
        return value;
    }

    private JsonNode number() {
        int start = in.offset();
        boolean negative = false;
        if (in.peek() == '+' || in.peek() == '-') {
            negative = in.peek() == '-';
            in.advance();
        }
        if (!in.atEnd() && (in.peek() == 'I' || in.peek() == 'N')) {
            String word = word();
            if (word.equals("Infinity")) {
                return NODES.numberNode(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            if (word.equals("NaN")) {
                return NODES.numberNode(Double.NaN);
            }
            throw in.error(in.at(start), "unexpected '" + in.textFrom(start) + "', expected a value"
                    + (start == in.offset() - word.length() ? " (strings must be quoted)" : ""));
        }
        if (!in.atEnd() && in.peek() == '0' && in.has(1)
                && (in.peekAt(1) == 'x' || in.peekAt(1) == 'X')) {
            in.advance();
            in.advance();
            int digitsStart = in.offset();
            while (!in.atEnd() && Character.digit(in.peek(), 16) >= 0) {
                in.advance();
            }
            if (in.offset() == digitsStart) {
                throw in.error("unexpected " + in.describeHere() + ", expected a hexadecimal digit");
            }
            BigInteger value = new BigInteger(in.textFrom(digitsStart), 16);
            requireNumberEnd();
            return integer(negative ? value.negate() : value);
        }
        int intDigits = digits();
        if (intDigits > 1 && in.charAt(in.offset() - intDigits) == '0') {
            throw in.error(in.at(in.offset() - intDigits), "leading zeros are not allowed in numbers");
        }
        boolean fractional = false;
        int fractionDigits = 0;
        if (!in.atEnd() && in.peek() == '.') {
            fractional = true;
            in.advance();
            fractionDigits = digits();
        }
        if (intDigits == 0 && fractionDigits == 0) {
            throw in.error(in.at(start), "unexpected " + Json5Chars.describe(in.charAt(start)) + ", expected a value");
        }
        if (!in.atEnd() && (in.peek() == 'e' || in.peek() == 'E')) {
            fractional = true;
            in.advance();
            if (!in.atEnd() && (in.peek() == '+' || in.peek() == '-')) {
                in.advance();
            }
            if (digits() == 0) {
                throw in.error("unexpected " + in.describeHere() + ", expected the exponent's digits");
            }
        }
        requireNumberEnd();
        String literal = in.textFrom(start);
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
        while (!in.atEnd() && Json5Chars.isDigit(in.peek())) {
            in.advance();
            n++;
        }
        return n;
    }

    /** {@code 12abc} or {@code 007}-like run-ons are one bad token, not a number followed by junk. */
    private void requireNumberEnd() {
        if (!in.atEnd() && (Json5Chars.isIdentifierPart(in.codePoint()) || in.peek() == '.')) {
            throw in.error("unexpected " + in.describeHere() + " in a number");
        }
    }

    private JsonNode literal() {
        int start = in.offset();
        String word = word();
        return switch (word) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> throw in.error(in.at(start), "unexpected '" + word + "', expected a value (strings must be"
                    + " quoted: \"" + word + "\")");
        };
    }

    private String word() {
        int start = in.offset();
        while (!in.atEnd() && Json5Chars.isIdentifierPart(in.codePoint())) {
            in.advanceCodePoint();
        }
        return in.textFrom(start);
    }

    private void skipWhitespace() {
        while (!in.atEnd()) {
            char c = in.peek();
            if (Json5Chars.isWhitespace(c)) {
                in.advance();
            } else if (c == '/' && in.has(1) && in.peekAt(1) == '/') {
                while (!in.atEnd() && !Json5Chars.isLineTerminator(in.peek())) {
                    in.advance();
                }
            } else if (c == '/' && in.has(1) && in.peekAt(1) == '*') {
                SourcePosition opened = in.here();
                in.advance();
                in.advance();
                while (true) {
                    if (!in.has(1)) {
                        throw in.error(opened, "unterminated /* comment");
                    }
                    if (in.peek() == '*' && in.peekAt(1) == '/') {
                        break;
                    }
                    in.advance();
                }
                in.advance();
                in.advance();
            } else if (c == '#') {
                throw in.error("unexpected '#': JSON5 has no # comments, use // or /* */");
            } else {
                return;
            }
        }
    }

    private void forgetPositionsWithin(String path) {
        valuePositions.keySet().removeIf(p -> ConfigPaths.isWithin(p, path));
        keyPositions.keySet().removeIf(p -> ConfigPaths.isWithin(p, path));
    }
}
