package dev.clawgate.upstream.transport;

import dev.clawgate.http.MalformedStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events incrementally from a byte stream, as they arrive: {@link #next()} returns as
 * soon as the blank line that ends an event has been read, never waiting for more of the body.
 *
 * <p>Follows the WHATWG event-stream rules: LF, CRLF or CR line ends; lines starting with ':' are
 * comments (keep-alives such as {@code : OPENROUTER PROCESSING}) and skipped; {@code field:value} with
 * one optional space after the colon; several {@code data:} lines are joined with '\n'; {@code id:},
 * {@code retry:} and unknown fields are ignored; a frame without any {@code data:} line is not an event.
 * {@code data: [DONE]} is returned like any other event: the API decoders decide what it means.
 *
 * <p><b>End of stream.</b> A last event that lacks its closing blank line is delivered when the stream
 * ended right after a line terminator (every one of its lines arrived whole; some servers simply close
 * after {@code data: [DONE]\n}). When the stream ends in the middle of a line the frame was cut off,
 * possibly inside its JSON, so the whole event is dropped and {@link #truncatedAtEnd()} says so; the
 * decoder then sees a stream without its terminal event and reports it as interrupted.
 *
 * <p>Allocation: bytes are read into one reusable buffer and scanned in place; per event only the data
 * string and the event record are created (event names that repeat are reused). The read and data buffers
 * are pooled and go back at {@link #done()}. Not thread-safe.
 */
public final class SseReader implements AutoCloseable {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};

    private final InputStream in;
    private final LineScanner lines;

    /** The current event's data; pooled ({@link ReadBuffers}) until an event outgrows it. */
    private byte[] data = ReadBuffers.take();
    private int dataLength;
    private boolean hasData;
    private String eventName;
    private byte[] lastEventNameBytes = new byte[0];
    private String lastEventName;
    private boolean truncatedAtEnd;

    public SseReader(InputStream in) {
        this(in, LineScanner.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes longest line accepted; a longer one throws {@link MalformedStreamException} */
    public SseReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.lines = new LineScanner(in, maxLineBytes);
    }

    /**
     * The next event, or null at the end of the stream. Comments and keep-alives are skipped. Blocks until
     * a whole event has arrived.
     */
    public SseEvent next() throws IOException {
        while (true) {
            boolean terminated = lines.next();
            byte[] a = lines.array();
            int off = lines.offset();
            int len = lines.length();
            if (!terminated) {
                if (len > 0) {
                    truncatedAtEnd = true;
                    resetEvent();
                    return null;
                }
                return hasData ? dispatch() : null;
            }
            if (len == 0) {
                if (hasData) {
                    return dispatch();
                }
                eventName = null; // a frame with no data is no event, but it must not leak its name
                continue;
            }
            if (a[off] == ':') {
                continue;
            }
            int colon = indexOf(a, off, len, (byte) ':');
            int fieldEnd = colon < 0 ? off + len : colon;
            int valueStart = colon < 0 ? off + len : colon + 1;
            if (valueStart < off + len && a[valueStart] == ' ') {
                valueStart++;
            }
            int valueLength = off + len - valueStart;
            if (fieldEquals(a, off, fieldEnd, DATA)) {
                if (hasData) {
                    appendData(NEWLINE, 0, 1);
                }
                appendData(a, valueStart, valueLength);
                hasData = true;
            } else if (fieldEquals(a, off, fieldEnd, EVENT)) {
                eventName = eventName(a, valueStart, valueLength);
            }
        }
    }

    /** True when the stream ended inside a line, so its last (incomplete) event was dropped. */
    public boolean truncatedAtEnd() {
        return truncatedAtEnd;
    }

    /**
     * The caller reads no further events (the answer is complete, or the body ended): the read buffer goes back
     * to the pool. The body itself is the caller's to finish or close.
     */
    public void done() {
        lines.release();
        byte[] d = data;
        data = new byte[0];
        dataLength = 0;
        ReadBuffers.give(d);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private SseEvent dispatch() {
        SseEvent event = new SseEvent(eventName, new String(data, 0, dataLength, StandardCharsets.UTF_8));
        resetEvent();
        return event;
    }

    private void resetEvent() {
        dataLength = 0;
        hasData = false;
        eventName = null;
    }

    private void appendData(byte[] src, int from, int count) {
        if (dataLength + count > data.length) {
            data = Arrays.copyOf(data, Math.max(dataLength + count, data.length * 2));
        }
        System.arraycopy(src, from, data, dataLength, count);
        dataLength += count;
    }

    /** Streams repeat a handful of event names thousands of times; reuse the last string when it matches. */
    private String eventName(byte[] a, int from, int count) {
        if (lastEventName != null && Arrays.equals(a, from, from + count, lastEventNameBytes, 0,
                lastEventNameBytes.length)) {
            return lastEventName;
        }
        lastEventNameBytes = Arrays.copyOfRange(a, from, from + count);
        lastEventName = new String(lastEventNameBytes, StandardCharsets.UTF_8);
        return lastEventName;
    }

    private static boolean fieldEquals(byte[] a, int from, int to, byte[] name) {
        return Arrays.equals(a, from, to, name, 0, name.length);
    }

    private static int indexOf(byte[] a, int from, int count, byte b) {
        for (int i = from; i < from + count; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
