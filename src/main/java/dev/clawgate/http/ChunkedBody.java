package dev.clawgate.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@code Transfer-Encoding: chunked} body with the framing removed (RFC 9112 §7.1): size lines (extensions
 * ignored), each chunk's closing CRLF checked, trailers read and dropped. It ends after the last chunk's
 * trailers, so the source is then at the next message's first byte (what lets a keep-alive connection serve
 * another call). Not thread-safe: one reader.
 */
public final class ChunkedBody extends InputStream {

    /** Where the framed bytes come from: a buffered reader of the connection. */
    public interface Source {
        /** Up to {@code len} bytes; -1 at the end of the connection. */
        int read(byte[] b, int off, int len) throws IOException;

        /**
         * One line without its CRLF (or LF), ISO-8859-1; a line longer than {@code max} bytes fails (with
         * {@link MalformedStreamException} or another {@link IOException}).
         */
        String readLine(int max) throws IOException;
    }

    /** Longest size or trailer line accepted. */
    private static final int MAX_LINE = 16 * 1024;

    private final Source in;
    private long remaining;
    private boolean inChunk;
    private boolean ended;

    public ChunkedBody(Source in) {
        this.in = in;
    }

    /** True once the last chunk and its trailers were read. */
    public boolean ended() {
        return ended;
    }

    /** Bytes of the current chunk not read yet (0 between chunks). */
    public long remainingInChunk() {
        return remaining;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("the connection ended in the middle of a chunk");
        }
        remaining -= n;
        return n;
    }

    /** Reads the next chunk's size line (after the previous chunk's CRLF); false after the last chunk. */
    private boolean nextChunk() throws IOException {
        if (inChunk && !in.readLine(MAX_LINE).isEmpty()) {
            throw new MalformedStreamException("a chunk longer than its declared size");
        }
        String line = in.readLine(MAX_LINE);
        int semi = line.indexOf(';');
        String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new MalformedStreamException("a chunk size that is not hexadecimal: "
                    + hex.substring(0, Math.min(20, hex.length())));
        }
        if (size < 0) {
            throw new MalformedStreamException("a negative chunk size");
        }
        if (size == 0) {
            while (!in.readLine(MAX_LINE).isEmpty()) {
                // trailers: nothing we use
            }
            ended = true;
            return false;
        }
        inChunk = true;
        remaining = size;
        return true;
    }
}
