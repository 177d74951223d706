package dev.clawgate.agent.tools.web;

import dev.clawgate.http.ChunkedBody;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET over a socket connected to an address the caller has already vetted.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves the host name itself, so the address it connects
 * to could differ from the one that was checked (DNS rebinding), and it has no resolver hook. Here the TCP
 * connection goes to the given {@link InetAddress}; for https the TLS layer still uses the host name for
 * SNI and certificate verification ({@code HTTPS} endpoint identification), so pinning the address does not
 * weaken TLS. The request asks for {@code Connection: close}, which keeps the response parser small.
 */
final class PinnedHttpGet {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    /** A response; header names are lower-case, {@code truncated} when the body hit the byte cap. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final SSLSocketFactory tlsSockets;
    private final String userAgent;

    PinnedHttpGet(SSLSocketFactory tlsSockets, String userAgent) {
        this.tlsSockets = tlsSockets;
        this.userAgent = userAgent;
    }

    Response get(URI uri, InetAddress address, int port, Instant deadline, int maxBodyBytes) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = PublicAddressPolicy.canonicalHost(uri.getHost());
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), connectTimeoutMillis(deadline));
            Socket socket = https ? startTls(raw, host, port) : raw;
            try {
                DeadlineInputStream in = new DeadlineInputStream(socket, deadline);
                writeRequest(socket.getOutputStream(), uri, host, port, https);
                return readResponse(new BufferedInputStream(in), maxBodyBytes);
            } finally {
                if (socket != raw) {
                    socket.close();
                }
            }
        }
    }

    private Socket startTls(Socket raw, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) tlsSockets.createSocket(raw, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private void writeRequest(OutputStream out, URI uri, String host, int port, boolean https) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String hostHeader = host.contains(":") ? "[" + host + "]" : host;
        if (port != (https ? 443 : 80)) {
            hostHeader += ":" + port;
        }
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5\r\n"
                + "Accept-Encoding: gzip, identity\r\n"
                + "Connection: close\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Response readResponse(InputStream in, int maxBodyBytes) throws IOException {
        int[] headerBudget = {MAX_HEADER_BYTES};
        while (true) {
            String statusLine = readLine(in, headerBudget);
            String[] pieces = statusLine.split(" ", 3);
            if (pieces.length < 2 || !pieces[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response");
            }
            int status;
            try {
                status = Integer.parseInt(pieces[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line");
            }
            Map<String, List<String>> headers = readHeaders(in, headerBudget);
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue, 103 Early Hints): the real one follows
            }
            if (status == 204 || status == 304) {
                return new Response(status, headers, new byte[0], false);
            }
            InputStream body = bodyStream(in, headers);
            byte[] bytes = body.readNBytes(maxBodyBytes + 1);
            boolean truncated = bytes.length > maxBodyBytes;
            if (truncated) {
                bytes = java.util.Arrays.copyOf(bytes, maxBodyBytes);
            }
            return new Response(status, headers, bytes, truncated);
        }
    }

    private static InputStream bodyStream(InputStream in, Map<String, List<String>> headers) throws IOException {
        InputStream body;
        String transferEncoding = first(headers, "transfer-encoding");
        String contentLength = first(headers, "content-length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedBody(new ChunkedBody.Source() {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public String readLine(int max) throws IOException {
                    return PinnedHttpGet.readLine(in, new int[] {max});
                }
            });
        } else if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length");
            }
            body = new LimitedInputStream(in, length);
        } else {
            body = in; // until the server closes the connection
        }
        String encoding = first(headers, "content-encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(body);
            case "deflate" -> new InflaterInputStream(body);
            default -> throw new IOException("unsupported Content-Encoding " + encoding);
        };
    }

    private static Map<String, List<String>> readHeaders(InputStream in, int[] budget) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in, budget);
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADERS) {
                throw new IOException("too many response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
    }

    private static String readLine(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head");
            }
            if (--budget[0] < 0) {
                throw new IOException("response head too large");
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int connectTimeoutMillis(Instant deadline) throws SocketTimeoutException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("time limit reached before connecting");
        }
        return (int) Math.min(left, MAX_CONNECT.toMillis());
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Sets the socket's read timeout to what is left of the deadline before every read. */
    private static final class DeadlineInputStream extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final Instant deadline;

        DeadlineInputStream(Socket socket, Instant deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private void arm() throws IOException {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new SocketTimeoutException("time limit reached while reading the response");
            }
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }
    }

    /** Stops after {@code remaining} bytes (Content-Length). */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
