package dev.clawgate.upstream.transport;

import dev.clawgate.http.MalformedStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited JSON (Ollama's native stream) incrementally: one line per call, returned as
 * soon as its terminator arrives; blank lines skipped; LF, CRLF or CR line ends.
 *
 * <p><b>End of stream.</b> A last line without a terminator is returned only when it is a complete JSON
 * value (brackets balanced outside strings, ending in '}' or ']'), because some servers omit the final
 * newline; a cut-off line is dropped and {@link #truncatedAtEnd()} says so, leaving the decoder to report
 * the missing final object as an interrupted stream. Not thread-safe.
 */
public final class NdjsonReader implements AutoCloseable {

    private final InputStream in;
    private final LineScanner lines;
    private boolean truncatedAtEnd;

    public NdjsonReader(InputStream in) {
        this(in, LineScanner.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes longest line accepted; a longer one throws {@link MalformedStreamException} */
    public NdjsonReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.lines = new LineScanner(in, maxLineBytes);
    }

    /** The next non-blank line without its line terminator, or null at the end of the stream. */
    public String next() throws IOException {
        while (true) {
            boolean terminated = lines.next();
            byte[] a = lines.array();
            int off = lines.offset();
            int len = lines.length();
            if (isBlank(a, off, len)) {
                if (!terminated) {
                    return null;
                }
                continue;
            }
            if (!terminated && !isCompleteJson(a, off, len)) {
                truncatedAtEnd = true;
                return null;
            }
            return new String(a, off, len, StandardCharsets.UTF_8);
        }
    }

    /** True when the stream ended inside a line that was not a complete JSON value, and it was dropped. */
    public boolean truncatedAtEnd() {
        return truncatedAtEnd;
    }

    /**
     * The caller reads no further events (the answer is complete, or the body ended): the read buffer goes back
     * to the pool. The body itself is the caller's to finish or close.
     */
    public void done() {
        lines.release();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static boolean isBlank(byte[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (a[i] != ' ' && a[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Cheap structural check: brackets balance outside strings and the value closes at the end. */
    static boolean isCompleteJson(byte[] a, int off, int len) {
        int depth = 0;
        boolean inString = false;
        int last = -1;
        for (int i = off; i < off + len; i++) {
            byte b = a[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    depth--;
                    if (depth < 0) {
                        return false;
                    }
                }
                default -> { }
            }
            if (b != ' ' && b != '\t') {
                last = b;
            }
        }
        return !inString && depth == 0 && (last == '}' || last == ']');
    }
}
