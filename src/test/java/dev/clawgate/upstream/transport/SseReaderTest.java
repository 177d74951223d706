package dev.clawgate.upstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.http.MalformedStreamException;
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
class SseReaderTest {

    /** Anthropic-style named events, a comment keep-alive, multi-line data, UTF-8 multi-byte text. */
    static final String MIXED = ": OPENROUTER PROCESSING\r\n"
            + "\r\n"
            + "event: message_start\r\n"
            + "data: {\"type\":\"message_start\"}\r\n"
            + "\r\n"
            + ": keep-alive\n"
            + "event:ping\n"
            + "id: 7\n"
            + "retry: 1000\n"
            + "data:{\"type\":\"ping\"}\n"
            + "\n"
            + "data: first line\r"
            + "data:  two spaces keep one\r"
            + "data\r"
            + "\r"
            + "data: héllo 世界 🎉\n"
            + "\n"
            + "data: [DONE]\n"
            + "\n";

    static final List<SseEvent> MIXED_EVENTS = List.of(
            new SseEvent("message_start", "{\"type\":\"message_start\"}"),
            new SseEvent("ping", "{\"type\":\"ping\"}"),
            new SseEvent(null, "first line\n two spaces keep one\n"),
            new SseEvent(null, "héllo 世界 🎉"),
            new SseEvent(null, "[DONE]"));

    static List<SseEvent> readAll(InputStream in) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(in)) {
            for (int i = 0; i < 10_000; i++) {
                SseEvent e = reader.next();
                if (e == null) {
                    return events;
                }
                events.add(e);
            }
        }
        throw new AssertionError("no end of stream after 10000 events");
    }

    @Test
    void parsesCommentsNamedEventsMultiLineDataAndAllLineEnds() throws IOException {
        assertThat(readAll(new ByteArrayInputStream(MIXED.getBytes(StandardCharsets.UTF_8))))
                .containsExactlyElementsOf(MIXED_EVENTS);
    }

    @Test
    void splitsAtEveryPossibleByteIncludingInsideUtf8AndBetweenCrAndLf() throws IOException {
        byte[] bytes = MIXED.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            assertThat(readAll(new ChunkingInputStream(bytes, chunk))).as("chunk size %d", chunk)
                    .containsExactlyElementsOf(MIXED_EVENTS);
        }
    }

    @Test
    void eventOnlyAfterItsBlankLineAndEventNameDoesNotLeakIntoTheNextEvent() throws IOException {
        String text = "event: a\n\ndata: x\n\nevent: b\ndata: y\n\n";
        assertThat(readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly(new SseEvent(null, "x"), new SseEvent("b", "y"));
    }

    @Test
    void emptyDataLineIsAnEventWithEmptyData() throws IOException {
        assertThat(readAll(new ByteArrayInputStream("data:\n\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly(new SseEvent(null, ""));
    }

    @Test
    void utf8ByteOrderMarkAtStartIsIgnored() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        assertThat(readAll(new ChunkingInputStream(all, 1))).containsExactly(new SseEvent(null, "x"));
    }

    @Test
    void finalEventWithoutBlankLineIsDeliveredWhenItsLinesEnded() throws IOException {
        try (SseReader reader = new SseReader(new ByteArrayInputStream("data: a\n\ndata: [DONE]\n".getBytes()))) {
            assertThat(reader.next()).isEqualTo(new SseEvent(null, "a"));
            assertThat(reader.next()).isEqualTo(new SseEvent(null, "[DONE]"));
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.truncatedAtEnd()).isFalse();
        }
    }

    @Test
    void eventCutInsideALineIsDroppedAndReportedAsTruncated() throws IOException {
        String text = "data: {\"a\":1}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel";
        try (SseReader reader = new SseReader(new ChunkingInputStream(text.getBytes(), 3))) {
            assertThat(reader.next()).isEqualTo(new SseEvent(null, "{\"a\":1}"));
            assertThat(reader.next()).isNull();
            assertThat(reader.truncatedAtEnd()).isTrue();
        }
    }

    @Test
    void overlongLineIsMalformedNotBufferedForever() {
        byte[] garbage = new byte[5000];
        java.util.Arrays.fill(garbage, (byte) 'x');
        assertThatThrownBy(() -> {
            try (SseReader reader = new SseReader(new ChunkingInputStream(garbage, 100), 1024)) {
                reader.next();
            }
        }).isInstanceOf(MalformedStreamException.class);
    }

    @Test
    void largeEventSpanningManyReads() throws IOException {
        String big = "y".repeat(100_000);
        String text = "data: " + big + "\ndata: z\n\n";
        assertThat(readAll(new ChunkingInputStream(text.getBytes(), 777)))
                .containsExactly(new SseEvent(null, big + "\nz"));
    }

    @Test
    void oneByteAtATimeThroughARealLoopbackHttpResponse() throws Exception {
        byte[] bytes = MIXED.getBytes(StandardCharsets.UTF_8);
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        }); HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri("/sse")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(readAll(response.body())).containsExactlyElementsOf(MIXED_EVENTS);
        }
    }

    @Test
    void returnsEachEventWhileTheServerStillHoldsTheConnectionOpen() throws Exception {
        CountDownLatch firstEventSeen = new CountDownLatch(1);
        try (LoopbackServer server = new LoopbackServer(socket -> {
            LoopbackServer.readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            LoopbackServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            LoopbackServer.write(out, chunk("event: one\r\ndata: 1\r\n\r\n"));
            // Hold the connection open until the client proves it got event one.
            if (!firstEventSeen.await(10, TimeUnit.SECONDS)) {
                return;
            }
            LoopbackServer.write(out, chunk("data: 2\n\n") + "0\r\n\r\n");
        }); HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(server.uri("/sse")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (SseReader reader = new SseReader(response.body())) {
                SseEvent first = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reader.next();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }).get(5, TimeUnit.SECONDS);
                assertThat(first).isEqualTo(new SseEvent("one", "1"));
                firstEventSeen.countDown();
                assertThat(reader.next()).isEqualTo(new SseEvent(null, "2"));
                assertThat(reader.next()).isNull();
            }
        }
    }

    static String chunk(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(b.length) + "\r\n" + text + "\r\n";
    }

}
