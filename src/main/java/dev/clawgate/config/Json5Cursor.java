package dev.clawgate.config;

/**
 * A read position in JSON5 text that keeps line and column right (CRLF is one line break; U+2028 and
 * U+2029 are line breaks too) and builds positioned syntax errors.
 */
final class Json5Cursor {

    private final String text;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;

    Json5Cursor(String text, String file) {
        this.text = text;
        this.file = file;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return text.charAt(pos);
    }

    /** True when there are more than {@code ahead} characters left. */
    boolean has(int ahead) {
        return pos + ahead < text.length();
    }

    char peekAt(int ahead) {
        return text.charAt(pos + ahead);
    }

    int codePoint() {
        return text.codePointAt(pos);
    }

    int offset() {
        return pos;
    }

    String textFrom(int start) {
        return text.substring(start, pos);
    }

    char charAt(int offset) {
        return text.charAt(offset);
    }

    /** Consumes one character. */
    void advance() {
        char c = text.charAt(pos++);
        boolean lineBreak = c == '\n' || c == '\u2028' || c == '\u2029'
                || (c == '\r' && (atEnd() || peek() != '\n'));
        if (lineBreak) {
            line++;
            lineStart = pos;
        }
    }

    /** Consumes one code point that is not a line break (one or two chars). */
    void advanceCodePoint() {
        pos += Character.charCount(text.codePointAt(pos));
    }

    SourcePosition here() {
        return new SourcePosition(file, line, pos - lineStart + 1);
    }

    /** The position of an offset on the current line (numbers and words never span lines). */
    SourcePosition at(int offset) {
        return new SourcePosition(file, line, offset - lineStart + 1);
    }

    String describeHere() {
        return atEnd() ? "end of input" : Json5Chars.describe(peek());
    }

    Json5SyntaxException error(String problem) {
        return error(here(), problem);
    }

    Json5SyntaxException error(SourcePosition at, String problem) {
        return new Json5SyntaxException(at, problem, Json5Chars.quoteLine(text, at.line()));
    }
}
