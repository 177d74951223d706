package dev.clawgate.upstream.transport;

import dev.clawgate.http.ChunkedBody;
import dev.clawgate.http.MalformedStreamException;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One blocking HTTP/1.1 connection to an upstream (plain or TLS), read and written on the calling thread.
 * There is no selector and no executor: a read blocks the virtual thread that asked for it, and the call's
 * time limits are socket read timeouts, recomputed before every read by the {@link ReadBudget} of whoever
 * reads (the response head, then the body). One receive buffer per connection, reused across the calls it
 * serves; closing the socket from another thread wakes a blocked read (that is how a call is cancelled).
 */
final class Http1Connection implements ChunkedBody.Source {

    /** Decides, before each socket read, how long it may block; throws once a limit has passed. */
    interface ReadBudget {
        /** Milliseconds the next read may block (0: no limit). */
        int timeoutMillis() throws IOException;

        /** Time spent blocked in a read (idle limits count only waiting, not the consumer's own work). */
        default void waited(long nanos) {}
    }

    private static final int BUFFER_BYTES = 16 * 1024;
    /** A request (head and body) up to this size is sent in one write. */
    private static final int SEND_BUFFER_BYTES = 16 * 1024;
    /** A response head (status line and headers) longer than this is not an HTTP/1.1 answer we accept. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    final String key;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    private ReadBudget budget = () -> 0;
    private int soTimeout = -1;
    /** While set (draining what already arrived, see {@link LimitedBodyStream#close()}), never block. */
    private boolean bufferedOnly;
    long idleSince;

    private Http1Connection(String key, Socket socket) throws IOException {
        this.key = key;
        this.socket = socket;
        this.in = socket.getInputStream();
        // head and body leave in one write (one packet, one syscall) when they fit; the buffer is the connection's
        this.out = new BufferedOutputStream(socket.getOutputStream(), SEND_BUFFER_BYTES);
    }

    /**
     * Connects (and for TLS shakes hands) within {@code connectMillis}.
     *
     * @throws SocketTimeoutException when the connection or handshake took longer
     */
    static Http1Connection open(String key, String host, int port, boolean tls, int connectMillis,
            int handshakeMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // every request and event is one small write; never wait for an ACK
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                configureTls(ssl, host);
                ssl.setSoTimeout(handshakeMillis);
                ssl.startHandshake();
                socket = ssl;
            }
            return new Http1Connection(key, socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Verifies the certificate against the host name (as browsers do) and names the host to the server (SNI). */
    static void configureTls(SSLSocket ssl, String host) {
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && host.indexOf(':') < 0) {
            params.setServerNames(java.util.List.of(new SNIHostName(host)));
        }
        params.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(params);
    }

    void budget(ReadBudget readBudget) {
        this.budget = readBudget;
    }

    /** Sends a request: its head and (when not null) its body, in one write when they fit the send buffer. */
    void write(byte[] head, byte[] body) throws IOException {
        out.write(head);
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    int buffered() {
        return limit - pos;
    }

    /** Up to {@code len} bytes: what is buffered, else one socket read. -1 at the end of the connection. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** One CRLF- (or LF-) terminated line without its terminator, ISO-8859-1; at most {@code max} bytes. */
    @Override
    public String readLine(int max) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = limit - pos;
            if (scanned >= max) {
                throw new MalformedStreamException("an HTTP line longer than " + max + " bytes");
            }
            if (!fill()) {
                throw new EOFException("the connection ended in the middle of a line");
            }
        }
    }

    /** Reads more into the buffer under the current budget; false at the end of the connection. */
    private boolean fill() throws IOException {
        if (bufferedOnly) {
            throw new NothingBufferedException();
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            throw new MalformedStreamException("an HTTP line longer than " + buf.length + " bytes");
        }
        while (true) {
            int timeout = budget.timeoutMillis();
            if (timeout != soTimeout) {
                socket.setSoTimeout(timeout);
                soTimeout = timeout;
            }
            long since = System.nanoTime();
            int n;
            try {
                n = in.read(buf, limit, buf.length - limit);
            } catch (SocketTimeoutException e) {
                continue; // the budget names the limit that passed (or allows the rest of a rounded-down wait)
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    ClosedByInterruptException cancelled = new ClosedByInterruptException();
                    cancelled.initCause(e);
                    throw cancelled; // our caller is cancelling, not the upstream failing
                }
                throw e;
            } finally {
                budget.waited(System.nanoTime() - since);
            }
            if (n < 0) {
                return false;
            }
            limit += n;
            return true;
        }
    }

    /** Runs {@code drain} over the bytes already received only; true when it finished without needing more. */
    boolean drainBuffered(IoAction drain) {
        bufferedOnly = true;
        try {
            drain.run();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            bufferedOnly = false;
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** Closes the socket; a read blocked on it in another thread fails at once. */
    void abort() {
        closeQuietly(socket);
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Thrown by a read that would have to wait while only buffered bytes may be used. */
    private static final class NothingBufferedException extends IOException {
        NothingBufferedException() {
            super("more bytes needed", null);
        }
    }
}
