package dev.clawgate.upstream.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited JSON (Ollama's native stream) incrementally: one line per call, blank lines
 * skipped. (Stub: the transport work replaces the body; the API stays.)
 */
public final class NdjsonReader implements AutoCloseable {

    private final InputStream in;

    public NdjsonReader(InputStream in) {
        this.in = in;
    }

    /** The next non-blank line without its line terminator, or null at the end of the stream. */
    public String next() throws IOException {
        throw new UnsupportedOperationException("transport work in progress");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
