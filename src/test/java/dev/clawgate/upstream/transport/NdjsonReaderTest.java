package dev.clawgate.upstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class NdjsonReaderTest {

    static final String OLLAMA = "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"Grüß \"},\"done\":false}\n"
            + "\n"
            + "   \r\n"
            + "{\"message\":{\"content\":\"世界 🎉\"},\"done\":false}\r\n"
            + "{\"done\":true,\"eval_count\":3}\r";

    static final List<String> LINES = List.of(
            "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"Grüß \"},\"done\":false}",
            "{\"message\":{\"content\":\"世界 🎉\"},\"done\":false}",
            "{\"done\":true,\"eval_count\":3}");

    static List<String> readAll(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (NdjsonReader reader = new NdjsonReader(in)) {
            for (int i = 0; i < 10_000; i++) {
                String line = reader.next();
                if (line == null) {
                    return lines;
                }
                lines.add(line);
            }
        }
        throw new AssertionError("no end of stream after 10000 lines");
    }

    @Test
    void splitsAtEveryPossibleByte() throws IOException {
        byte[] bytes = OLLAMA.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            assertThat(readAll(new ChunkingInputStream(bytes, chunk))).as("chunk %d", chunk)
                    .containsExactlyElementsOf(LINES);
        }
    }

    @Test
    void unterminatedCompleteLastObjectIsDelivered() throws IOException {
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream("{\"a\":\"}\\\"\"}\n{\"done\":true}".getBytes()))) {
            assertThat(reader.next()).isEqualTo("{\"a\":\"}\\\"\"}");
            assertThat(reader.next()).isEqualTo("{\"done\":true}");
            assertThat(reader.next()).isNull();
            assertThat(reader.truncatedAtEnd()).isFalse();
        }
    }

    @Test
    void cutLastObjectIsDroppedAndReported() throws IOException {
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream("{\"a\":1}\n{\"message\":{\"content\":\"x\"}".getBytes()))) {
            assertThat(reader.next()).isEqualTo("{\"a\":1}");
            assertThat(reader.next()).isNull();
            assertThat(reader.truncatedAtEnd()).isTrue();
        }
    }

    @Test
    void completeJsonCheck() {
        assertThat(complete("{\"a\":[1,{\"b\":\"]\"}]}")).isTrue();
        assertThat(complete("[1,2] ")).isTrue();
        assertThat(complete("{\"a\":\"x}")).isFalse();
        assertThat(complete("{\"a\":{}")).isFalse();
        assertThat(complete("}{")).isFalse();
    }

    private static boolean complete(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return NdjsonReader.isCompleteJson(b, 0, b.length);
    }

    @Test
    void oneByteAtATimeThroughLoopbackAndIncremental() throws Exception {
        byte[] first = (OLLAMA.substring(0, OLLAMA.indexOf('\n') + 1)).getBytes(StandardCharsets.UTF_8);
        byte[] rest = OLLAMA.substring(OLLAMA.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
        CountDownLatch firstSeen = new CountDownLatch(1);
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n");
            for (byte b : first) {
                out.write(b);
                out.flush();
            }
            if (!firstSeen.await(10, TimeUnit.SECONDS)) {
                return;
            }
            for (byte b : rest) {
                out.write(b);
                out.flush();
            }
        }); HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri("/api/chat")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (NdjsonReader reader = new NdjsonReader(response.body())) {
                String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reader.next();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }).get(5, TimeUnit.SECONDS);
                assertThat(line).isEqualTo(LINES.get(0));
                firstSeen.countDown();
                assertThat(reader.next()).isEqualTo(LINES.get(1));
                assertThat(reader.next()).isEqualTo(LINES.get(2));
                assertThat(reader.next()).isNull();
            }
        }
    }
}
