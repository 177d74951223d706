package dev.clawgate.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal keep-alive HTTP/1.1 client over a plain socket, so that what the load generator measures is
 * the server and not a client library: no pools, no executors, timestamps taken right at the socket.
 * Understands Content-Length and chunked bodies; hands the body to a {@link BodyListener} piece by piece,
 * as it arrives.
 */
final class Http1 implements Closeable {

    /** Sees the decoded body as it arrives; {@code nanos} is when that piece was read. */
    interface BodyListener {
        void onBody(byte[] buf, int off, int len, long nanos);
    }

    /** What came back: status, when its first byte arrived, lower-cased headers. */
    record Response(int status, long headNanos, Map<String, String> headers) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[16 * 1024];
    private boolean open = true;

    Http1(String host, int port, int timeoutMs) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    boolean isOpen() {
        return open && !socket.isClosed();
    }

    static byte[] post(String host, int port, String path, Map<String, String> headers, byte[] body) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static byte[] get(String host, int port, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one request and reads the whole response, passing the body to {@code listener}. */
    Response exchange(byte[] request, BodyListener listener) throws IOException {
        out.write(request);
        out.flush();
        String status = readLine();
        long headNanos = System.nanoTime();
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("bad status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("eof in headers");
            }
            if (line.isEmpty()) {
                break;
            }
            int c = line.indexOf(':');
            if (c > 0) {
                headers.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
            }
        }
        String te = headers.getOrDefault("transfer-encoding", "");
        String cl = headers.get("content-length");
        if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine();
                if (sizeLine == null) {
                    throw new EOFException("eof in chunk size");
                }
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (true) { // trailers
                        String t = readLine();
                        if (t == null || t.isEmpty()) {
                            break;
                        }
                    }
                    break;
                }
                readBody(size, listener);
                readLine();
            }
        } else if (cl != null) {
            readBody(Long.parseLong(cl), listener);
        } else {
            while (true) { // until close
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                listener.onBody(buf, 0, n, System.nanoTime());
            }
            open = false;
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            open = false;
        }
        return new Response(code, headNanos, headers);
    }

    private void readBody(long size, BodyListener listener) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("eof in body");
            }
            listener.onBody(buf, 0, n, System.nanoTime());
            left -= n;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return sb.isEmpty() ? null : sb.toString();
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
