package dev.clawgate.upstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS set-up and keep-alive reuse of the blocking HTTP/1.1 client, on loopback only. */
@Timeout(20)
class Http1ConnectionTest {

    private static final CallOptions RELAXED = new CallOptions(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    @Test
    void tlsVerifiesTheHostNameAndSendsItAsSni() throws Exception {
        try (SSLSocket ssl = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            Http1Connection.configureTls(ssl, "api.openai.com");
            SSLParameters p = ssl.getSSLParameters();
            assertThat(p.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
            assertThat(p.getServerNames()).containsExactly(new SNIHostName("api.openai.com"));
            assertThat(p.getApplicationProtocols()).containsExactly("http/1.1");
        }
        try (SSLSocket ip = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            Http1Connection.configureTls(ip, "127.0.0.1");
            assertThat(ip.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
    }

    @Test
    void httpsUrlOpensWithATlsClientHelloNamingTheHost() throws Exception {
        CompletableFuture<byte[]> hello = new CompletableFuture<>();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[512];
            int n = in.read(buf);
            hello.complete(java.util.Arrays.copyOf(buf, Math.max(n, 0)));
            // then hang up: no certificate, the handshake fails
        }); Http1Transport transport = new Http1Transport()) {
            UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> transport.send(
                    UpstreamHttpRequest.get(URI.create("https://localhost:" + server.port() + "/v1/models"), Map.of()),
                    RELAXED));
            byte[] bytes = hello.get(5, TimeUnit.SECONDS);
            assertThat(bytes[0]).as("TLS handshake record").isEqualTo((byte) 0x16);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("localhost");
            assertThat(e.failure()).isIn(FailureClass.TLS, FailureClass.CONNECTION_RESET);
        }
    }

    @Test
    void aStreamClosedAfterItsLastEventGivesItsConnectionBack() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (LoopbackServer server = new LoopbackServer(socket -> {
            connections.incrementAndGet();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                LoopbackServer.readRequest(in);
                LoopbackServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + SseReaderTest.chunk("data: 1\n\n")
                        + SseReaderTest.chunk("data: [DONE]\n\n") + "0\r\n\r\n");
            }
        }); Http1Transport transport = new Http1Transport()) {
            for (int i = 0; i < 3; i++) {
                try (UpstreamHttpResponse response = transport.send(UpstreamHttpRequest.post(
                        server.uri("/v1/chat/completions"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8)), RELAXED);
                        SseReader sse = new SseReader(response.body())) {
                    assertThat(sse.next()).isEqualTo(new SseEvent(null, "1"));
                    assertThat(sse.next()).isEqualTo(new SseEvent(null, "[DONE]"));
                    // the consumer stops at [DONE], before the body's last chunk has been read
                }
            }
            assertThat(connections.get()).isEqualTo(1);
        }
    }
}
