package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** After an error sent with {@code Connection: close}, nothing more is read from that connection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionCloseAfterErrorTest extends GatewayTestSupport {

    @Test
    void oversizeBodyIsAnsweredOnceAndTheConnectionCloses() throws Exception {
        start(GatewaySettings.loopback(0).withLimits(GatewaySettings.Limits.DEFAULTS.withMaxRequestBytes(1024)));
        String smuggled = "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n";
        StringBuilder body = new StringBuilder();
        while (body.length() < 4000) {
            body.append(smuggled);
        }
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        String answer = exchange(request);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer.split("HTTP/1.1 ", -1)).hasSize(2); // exactly one response, then EOF
    }

    @Test
    void oversizeChunkedBodyIsAnsweredOnceAndTheConnectionCloses() throws Exception {
        start(GatewaySettings.loopback(0).withLimits(GatewaySettings.Limits.DEFAULTS.withMaxRequestBytes(1024)));
        String smuggled = "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n";
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            chunks.append(Integer.toHexString(smuggled.length())).append("\r\n").append(smuggled).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunks + smuggled;
        String answer = exchange(request);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer.split("HTTP/1.1 ", -1)).hasSize(2);
    }

    /** Writes the request, then reads until EOF (a reset after the answer counts as the end). */
    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // the server closed with part of the body unread: the kernel answers the rest with a reset
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
