package dev.clawgate.upstream.transport;

import dev.clawgate.http.ChunkedBody;
import dev.clawgate.http.MalformedStreamException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP/1.1 response read from an {@link Http1Connection}: the head (status and headers, parsed at once)
 * and a body stream that undoes the framing ({@code Content-Length}, chunked, or until the connection
 * closes). The body knows when it has ended cleanly, which is when its connection may serve another call.
 */
final class Http1Response {

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 256;

    final int status;
    private final List<String> names;
    private final List<String> values;
    final boolean reusable;
    private final Body body;

    private Http1Response(int status, List<String> names, List<String> values, boolean reusable, Body body) {
        this.status = status;
        this.names = names;
        this.values = values;
        this.reusable = reusable;
        this.body = body;
    }

    /** Reads the head of the next final (non-1xx) response under the connection's current budget. */
    static Http1Response read(Http1Connection conn, boolean headRequest) throws IOException {
        while (true) {
            String statusLine = conn.readLine(MAX_LINE);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new MalformedStreamException("not an HTTP/1.1 response: "
                        + statusLine.substring(0, Math.min(60, statusLine.length())));
            }
            int status;
            try {
                status = Integer.parseInt(statusLine, 9, 12, 10);
            } catch (NumberFormatException e) {
                throw new MalformedStreamException("a response status line without a status: "
                        + statusLine.substring(0, Math.min(60, statusLine.length())));
            }
            List<String> names = new ArrayList<>(12);
            List<String> values = new ArrayList<>(12);
            for (String line = conn.readLine(MAX_LINE); !line.isEmpty(); line = conn.readLine(MAX_LINE)) {
                int colon = line.indexOf(':');
                if (colon <= 0 || names.size() >= MAX_HEADERS) {
                    throw new MalformedStreamException("a malformed response header line");
                }
                names.add(line.substring(0, colon).strip());
                values.add(line.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // 100 Continue and friends: the real answer follows
            }
            boolean http11 = statusLine.startsWith("HTTP/1.1");
            String connection = first(names, values, "connection");
            boolean close = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
            String te = first(names, values, "transfer-encoding");
            String cl = first(names, values, "content-length");
            Body body;
            if (headRequest || status == 204 || status == 304) {
                body = new Body(conn, Framing.LENGTH, 0);
            } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = new Body(conn, Framing.CHUNKED, 0);
            } else if (cl != null) {
                long length;
                try {
                    length = Long.parseLong(cl.strip());
                } catch (NumberFormatException e) {
                    throw new MalformedStreamException("a Content-Length that is not a number: " + cl);
                }
                body = new Body(conn, Framing.LENGTH, length);
            } else {
                body = new Body(conn, Framing.UNTIL_CLOSE, 0);
            }
            boolean reusable = http11 && !close && body.framing != Framing.UNTIL_CLOSE;
            return new Http1Response(status, names, values, reusable, body);
        }
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(first(names, values, name));
    }

    /** The body length the server declared, or -1. */
    long declaredLength() {
        return body.framing == Framing.LENGTH ? body.remaining : -1;
    }

    Body body() {
        return body;
    }

    private static String first(List<String> names, List<String> values, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE }

    /** The body bytes, framing removed. Not thread-safe: one reader. */
    static final class Body extends InputStream {
        private final Http1Connection conn;
        final Framing framing;
        /** The chunked decoder, for {@link Framing#CHUNKED}; else null. */
        private final ChunkedBody chunked;
        private long remaining;
        private boolean ended;

        Body(Http1Connection conn, Framing framing, long length) {
            this.conn = conn;
            this.framing = framing;
            this.chunked = framing == Framing.CHUNKED ? new ChunkedBody(conn) : null;
            this.remaining = length;
            this.ended = framing == Framing.LENGTH && length == 0;
        }

        /** True once the body was read to its framed end (the connection is then at a message boundary). */
        boolean ended() {
            return ended;
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
            switch (framing) {
                case UNTIL_CLOSE -> {
                    int n = conn.read(b, off, len);
                    if (n < 0) {
                        ended = true;
                    }
                    return n;
                }
                case LENGTH -> {
                    int n = conn.read(b, off, (int) Math.min(len, remaining));
                    if (n < 0) {
                        throw new EOFException("the body ended " + remaining + " bytes short of its Content-Length");
                    }
                    remaining -= n;
                    ended = remaining == 0;
                    return n;
                }
                default -> {
                    int n = chunked.read(b, off, len);
                    ended = chunked.ended();
                    return n;
                }
            }
        }

        /** Bytes readable without blocking: only body bytes already received (never framing). */
        @Override
        public int available() {
            if (ended) {
                return 0;
            }
            long body = switch (framing) {
                case UNTIL_CLOSE -> Long.MAX_VALUE;
                case LENGTH -> remaining;
                case CHUNKED -> chunked.remainingInChunk();
            };
            return (int) Math.min(body, conn.buffered());
        }

        /** Reads to the end of the body using only bytes already received; true when it ended. */
        boolean finishFromBuffer() {
            byte[] sink = new byte[1024];
            return conn.drainBuffered(() -> {
                while (read(sink, 0, sink.length) >= 0) {
                    // discard: the caller is done with the body, we want the connection back
                }
            }) && ended;
        }
    }
}
