package dev.clawgate.upstream.transport;

import java.io.InputStream;
import java.util.Optional;

/**
 * A successful (2xx) upstream response whose body is still arriving. Closing it before the body ends
 * cancels the request and closes the connection.
 */
public interface UpstreamHttpResponse extends AutoCloseable {

    int status();

    /** First value of a response header, case-insensitive. */
    Optional<String> header(String name);

    /**
     * The body. Reads are bounded by the call's idle timeout and deadline; when either passes, or the
     * connection breaks, a read throws an {@link java.io.IOException} that
     * {@link HttpTransport#classify(java.io.IOException)} turns into the right failure.
     */
    InputStream body();

    /**
     * The first byte of the body that is not white space, from what has already arrived (the transport
     * waits for the first bytes before it returns a response); -1 for an empty body, a space when the first
     * bytes are all white space. Consumes nothing.
     */
    int firstNonWhitespace();

    /** The start of the body as it arrived, up to {@code maxChars}, without consuming it. */
    String headText(int maxChars);

    /**
     * The consumer decoded a complete event from the body. The first-byte limit is then met and the idle
     * limit counts from here: limits are about events, so an upstream that trickles bytes without ever
     * completing one times out as a silent one does.
     */
    default void eventReceived() {}

    /**
     * The consumer has the whole answer (the protocol's last event arrived): reads what little is left of
     * the body, briefly, so the connection can be reused, then closes. Call instead of {@link #close()}.
     */
    default void finish() {
        close();
    }

    @Override
    void close();
}
