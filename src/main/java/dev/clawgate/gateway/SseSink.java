package dev.clawgate.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes SSE frames byte-exactly as OpenAI and Anthropic do ({@code event: x\ndata: {...}\n\n}) to a
 * response stream. Any write failure means the client has gone: it is reported as {@link ClientGoneException}
 * and every later write fails fast. Not thread-safe; {@link StreamRelay} serialises access.
 */
public final class SseSink {

    /** The client closed the connection or stopped reading. */
    public static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super("client disconnected", cause, false, false);
        }
    }

    private final OutputStream out;
    private volatile boolean broken;
    private volatile long lastWriteNanos = System.nanoTime();
    private long bytes;

    public SseSink(OutputStream out) {
        this.out = out;
    }

    /** A frame with an {@code event:} line (Responses, Messages); {@code name} null for data-only frames. */
    public void event(String name, String data) {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (name != null) {
            sb.append("event: ").append(name).append('\n');
        }
        sb.append("data: ").append(data).append("\n\n");
        write(sb.toString());
    }

    /** A data-only frame (Chat Completions). */
    public void data(String data) {
        event(null, data);
    }

    /** An SSE comment line; clients ignore it. */
    public void comment(String text) {
        write(": " + text + "\n\n");
    }

    public void flush() {
        if (broken) {
            throw new ClientGoneException(null);
        }
        try {
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            broken = true;
            throw new ClientGoneException(e);
        } catch (RuntimeException e) { // Helidon reports closed sockets with its own exceptions
            broken = true;
            throw new ClientGoneException(e);
        }
    }

    public boolean broken() {
        return broken;
    }

    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** Bytes handed to the response stream so far. */
    public long bytesWritten() {
        return bytes;
    }

    private void write(String s) {
        if (broken) {
            throw new ClientGoneException(null);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(b);
            bytes += b.length;
            lastWriteNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw new ClientGoneException(e);
        }
    }
}
