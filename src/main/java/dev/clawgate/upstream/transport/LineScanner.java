package dev.clawgate.upstream.transport;

import dev.clawgate.http.MalformedStreamException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines as bytes arrive, for {@link SseReader} and {@link NdjsonReader}.
 * Accepts LF, CRLF and lone CR as terminators, also when a CRLF pair is split between two reads.
 *
 * <p>Works on bytes and never decodes: a UTF-8 character split between reads simply lands in the line
 * buffer in two pieces, and the caller decodes whole lines. A line that lies inside one read is handed
 * out as a view on the read buffer (no copy); only a line that spans reads is copied into the growable
 * line buffer. Not thread-safe.
 */
final class LineScanner {

    /** Lines longer than this are treated as garbage rather than buffered without bound. */
    static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

    /** An InputStream may legally return 0 only for a zero-length read; guard anyway, bounded. */
    private static final int MAX_EMPTY_READS = 1000;

    private final InputStream in;
    private final int maxLineBytes;
    /** From {@link ReadBuffers}; null once {@link #release()}d. */
    private byte[] buf = ReadBuffers.take();
    private int pos;
    private int limit;
    private boolean eof;
    /** The previous line ended with CR, so an LF arriving next belongs to that terminator. */
    private boolean skipLf;
    private boolean firstLine = true;

    private byte[] carry = new byte[256];
    private int carryLength;

    // The current line: a view on either buf or carry.
    private byte[] lineArray;
    private int lineOffset;
    private int lineLength;

    LineScanner(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Advances to the next line. Returns true when a terminated line is available through
     * {@link #array()}, {@link #offset()} and {@link #length()}; false at the end of the stream, when those
     * describe the unterminated bytes after the last terminator (length 0 when the stream ended cleanly
     * on a line boundary).
     */
    boolean next() throws IOException {
        carryLength = 0;
        while (true) {
            if (pos == limit && !fill()) {
                setLine(carry, 0, carryLength);
                return false;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int i = start;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            if (i == limit) { // no terminator in this read: keep the piece and read on
                appendToCarry(start, i - start);
                pos = limit;
                continue;
            }
            skipLf = buf[i] == '\r';
            pos = i + 1;
            if (carryLength == 0) {
                setLine(buf, start, i - start);
            } else {
                appendToCarry(start, i - start);
                setLine(carry, 0, carryLength);
            }
            return true;
        }
    }

    byte[] array() {
        return lineArray;
    }

    int offset() {
        return lineOffset;
    }

    int length() {
        return lineLength;
    }

    private void setLine(byte[] array, int offset, int length) {
        // A UTF-8 byte order mark may open a stream; it is not part of the first line.
        if (firstLine && length > 0) {
            firstLine = false;
            if (length >= 3 && array[offset] == (byte) 0xEF && array[offset + 1] == (byte) 0xBB
                    && array[offset + 2] == (byte) 0xBF) {
                offset += 3;
                length -= 3;
            }
        }
        lineArray = array;
        lineOffset = offset;
        lineLength = length;
    }

    private void appendToCarry(int from, int count) throws IOException {
        if (count == 0) {
            return;
        }
        int needed = carryLength + count;
        if (needed > maxLineBytes) {
            throw new MalformedStreamException("a line of the upstream's stream exceeds " + maxLineBytes
                    + " bytes");
        }
        if (needed > carry.length) {
            carry = java.util.Arrays.copyOf(carry, Math.min(maxLineBytes, Math.max(needed, carry.length * 2)));
        }
        System.arraycopy(buf, from, carry, carryLength, count);
        carryLength = needed;
    }

    /**
     * The reader reads no further: gives the read buffer back to the pool. After this the scanner is at its end
     * (the current line, if it was a view on the buffer, must not be used).
     */
    void release() {
        byte[] b = buf;
        buf = null;
        eof = true;
        pos = 0;
        limit = 0;
        ReadBuffers.give(b);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        for (int attempt = 0; attempt < MAX_EMPTY_READS; attempt++) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n > 0) {
                pos = 0;
                limit = n;
                return true;
            }
        }
        throw new IOException("the upstream body stream returned no data " + MAX_EMPTY_READS + " times in a row");
    }
}
