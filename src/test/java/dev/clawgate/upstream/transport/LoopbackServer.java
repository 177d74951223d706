package dev.clawgate.upstream.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for tests: every accepted connection runs the handler on its own
 * virtual thread, so a handler may misbehave freely (hang after accept, send headers and nothing, drop
 * the connection mid-body, answer garbage).
 */
final class LoopbackServer implements AutoCloseable {

    /** Handles one connection. The socket is closed afterwards unless the handler already did. */
    interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    LoopbackServer(Handler handler) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("loopback-accept").start(() -> {
            while (!serverSocket.isClosed()) {
                Socket socket;
                try {
                    socket = serverSocket.accept();
                    socket.setTcpNoDelay(true);
                } catch (IOException e) {
                    return;
                }
                sockets.add(socket);
                Thread.ofVirtual().name("loopback-conn").start(() -> {
                    try (socket) {
                        handler.handle(socket);
                    } catch (Exception e) {
                        // the client went away or the test ended; nothing to report
                    }
                });
            }
        });
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** Reads a request head and its Content-Length body; returns the head text. */
    static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int i = 0; i < 64 * 1024 && matched < 4; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the request head ended");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                in.readNBytes(length);
            }
        }
        return text;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A complete response with a Content-Length body. */
    static String response(int status, String contentType, String body, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        sb.append("Content-Type: ").append(contentType).append("\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        return sb.append(body).toString();
    }

    /** Reads until the client closes its side; returns true when it saw EOF or a reset. */
    static boolean awaitClientClose(InputStream in) {
        try {
            byte[] buf = new byte[1024];
            for (int i = 0; i < 100_000; i++) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset by the client also means it let go
        }
    }
}
