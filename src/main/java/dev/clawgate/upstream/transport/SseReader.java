package dev.clawgate.upstream.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads server-sent events incrementally from a byte stream, as they arrive. (Stub: the transport work
 * replaces the body; the API stays.)
 */
public final class SseReader implements AutoCloseable {

    private final InputStream in;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next event, or null at the end of the stream. Comments and keep-alives are skipped. Blocks until
     * a whole event has arrived.
     */
    public SseEvent next() throws IOException {
        throw new UnsupportedOperationException("transport work in progress");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
