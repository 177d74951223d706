package dev.clawgate.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scripted upstream on 127.0.0.1 over a raw socket, so a script can do what real servers do wrong:
 * stop mid-body, cut a frame, answer HTML with 200, or hold the stream open. Each connection runs its
 * script on a virtual thread; every request is recorded.
 */
public final class StandInUpstream implements AutoCloseable {

    /** One request as the upstream saw it; header names are lower-cased. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {}

    @FunctionalInterface
    public interface Script {
        void respond(Recorded request, Response response) throws Exception;
    }

    /** Writes a chunked HTTP/1.1 response, flushing each chunk so the client sees it at once. */
    public static final class Response {
        private final OutputStream out;
        private final Socket socket;

        Response(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        public Response head(int status, String contentType) throws IOException {
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        public Response chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                return this;
            }
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return this;
        }

        /** The terminating chunk: a clean end of the body. */
        public void end() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Closes the connection without ending the chunked body: a dropped stream. */
        public void drop() throws IOException {
            socket.close();
        }

        /** Sends the whole text as one body, chunked per frame (blank-line or newline separated). */
        public void stream(int status, String contentType, String wire) throws IOException {
            head(status, contentType);
            String separator = contentType.contains("ndjson") ? "\n" : "\n\n";
            int from = 0;
            while (from < wire.length()) {
                int at = wire.indexOf(separator, from);
                int to = at < 0 ? wire.length() : at + separator.length();
                chunk(wire.substring(from, to));
                from = to;
            }
            end();
        }
    }

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

    public StandInUpstream(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("stand-in-accept").start(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                    socket.setTcpNoDelay(true);
                } catch (IOException e) {
                    return;
                }
                sockets.add(socket);
                Thread.ofVirtual().name("stand-in-conn").start(() -> {
                    try (socket) {
                        Recorded request = read(socket.getInputStream());
                        requests.add(request);
                        script.respond(request, new Response(socket));
                    } catch (Exception e) {
                        // client gone or test over
                    }
                });
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The requests received so far, oldest first. */
    public BlockingQueue<Recorded> requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static Recorded read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0 || head.size() > 64 * 1024) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Recorded(requestLine[0], requestLine[1], headers, body);
    }
}
