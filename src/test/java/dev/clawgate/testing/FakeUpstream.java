package dev.clawgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model server on 127.0.0.1 whose behaviour tests set per path: answer in the OpenAI Chat
 * Completions, OpenAI Responses or Anthropic Messages streaming format, answer an error with a given
 * status and body, answer late, accept and hang, drop the connection before or after the first byte.
 * Raw sockets, so that every failure is exactly the one named (no framework retries or buffering).
 * Every response closes its connection.
 */
public final class FakeUpstream implements AutoCloseable {

    /** What to do with a request. */
    @FunctionalInterface
    public interface Behaviour {
        void handle(Request request, Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    public record Request(String method, String path, Map<String, String> headers, String body) {}

    private final ServerSocket server;
    private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, java.util.concurrent.Semaphore> received = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.Semaphore> ended = new ConcurrentHashMap<>();
    private final Thread acceptor;

    public FakeUpstream() throws IOException {
        this(0);
    }

    /** Binds {@code port} (0 = any); rebinding a known port lets a test bring a "restarted" server back. */
    public FakeUpstream(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        acceptor = Thread.ofVirtual().name("fake-upstream-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String root() {
        return "http://127.0.0.1:" + port();
    }

    public String baseUrl() {
        return root() + "/v1";
    }

    /** Sets the behaviour for requests whose path starts with {@code pathPrefix} (longest prefix wins). */
    public FakeUpstream on(String pathPrefix, Behaviour behaviour) {
        routes.put(pathPrefix, behaviour);
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    /**
     * The model calls received (POSTs), without the gateway's readiness probes ({@code GET /models}), which
     * arrive at start and periodically whenever this upstream is a local server of the default chain.
     */
    public List<Request> modelCalls() {
        return requests.stream().filter(r -> r.method().equals("POST")).toList();
    }

    /** Waits until {@code n} more requests to {@code path} than already awaited arrived; false after {@code max}. */
    public boolean awaitRequests(String path, int n, Duration max) throws InterruptedException {
        return counter(received, path).tryAcquire(n, max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the exchanges of {@code n} more requests to {@code path} than already awaited have ended
     * (the behaviour returned, or gave up because the client closed the connection); false after {@code max}.
     */
    public boolean awaitExchangesEnded(String path, int n, Duration max) throws InterruptedException {
        return counter(ended, path).tryAcquire(n, max.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.Semaphore counter(Map<String, java.util.concurrent.Semaphore> map, String path) {
        return map.computeIfAbsent(path, p -> new java.util.concurrent.Semaphore(0));
    }

    public long requestsTo(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        acceptor.interrupt();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String path = null;
        try (socket) {
            Request request = readRequest(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            path = request.path();
            counter(received, path).release();
            Behaviour b = behaviourFor(request.path());
            b.handle(request, socket, socket.getOutputStream());
            socket.getOutputStream().flush();
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        } finally {
            open.remove(socket);
            if (path != null) {
                counter(ended, path).release();
            }
        }
    }

    private Behaviour behaviourFor(String path) {
        String best = null;
        for (String prefix : routes.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best != null ? routes.get(best) : status(404, "application/json", "{\"error\":\"not found\"}");
    }

    private static Request readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        }
        return new Request(parts[0], parts.length > 1 ? parts[1] : "/", headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return c == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    // ---------------------------------------------------------------- behaviours

    public static Behaviour status(int status, String contentType, String body) {
        return status(status, contentType, body, Map.of());
    }

    public static Behaviour status(int status, String contentType, String body, Map<String, String> extraHeaders) {
        return (req, socket, out) -> writeFull(out, status, contentType, body, extraHeaders);
    }

    public static Behaviour json(String body) {
        return status(200, "application/json", body);
    }

    /** A streamed answer {@code text} in the dialect the request's path asks for. */
    public static Behaviour answer(String text) {
        return (req, socket, out) -> {
            writeHead(out, 200, Dialect.of(req.path()).contentType(), Map.of());
            for (String frame : Dialect.of(req.path()).frames(text)) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /**
     * A streamed answer {@code text} that pauses {@code pause} after its first text delta: a model that starts
     * answering at once and takes its time to finish.
     */
    public static Behaviour answerWithPause(String text, Duration pause) {
        return (req, socket, out) -> {
            Dialect d = Dialect.of(req.path());
            writeHead(out, 200, d.contentType(), Map.of());
            List<String> frames = d.frames(text);
            for (int i = 0; i < frames.size(); i++) {
                if (i == d.framesToFirstText()) {
                    Thread.sleep(pause.toMillis()); // the fake server being slow, not test synchronisation
                }
                out.write(frames.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /** Waits {@code delay} before answering at all (thinking, prefill, loading). */
    public static Behaviour after(Duration delay, Behaviour then) {
        return (req, socket, out) -> {
            Thread.sleep(delay.toMillis()); // the fake server being slow, not test synchronisation
            then.handle(req, socket, out);
        };
    }

    /** Accepts, reads the request, never answers, until the client or the test closes the connection. */
    public static Behaviour hang() {
        return (req, socket, out) -> {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // drain until the client gives up
            }
        };
    }

    /** Reads the request and closes the connection without a byte. */
    public static Behaviour dropBeforeFirstByte() {
        return (req, socket, out) -> {
            socket.setSoLinger(true, 0); // RST rather than FIN: a crash, not a polite close
            socket.close();
        };
    }

    /** Starts a streamed answer, sends one text delta, then drops the connection. */
    public static Behaviour dropAfterFirstByte() {
        return (req, socket, out) -> {
            writeHead(out, 200, Dialect.of(req.path()).contentType(), Map.of());
            List<String> frames = Dialect.of(req.path()).frames("partial answer that never finishes");
            for (String frame : frames.subList(0, Math.min(frames.size(), Dialect.of(req.path()).framesToFirstText())))
            {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            // Let the client take the first frames in before the crash: an RST can make the receiving
            // side discard data it has not read yet, which would turn this into a drop before the first byte.
            Thread.sleep(200);
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /**
     * Starts a 200 stream and reports overload inside it before any content: Anthropic's
     * {@code message_start} then {@code event: error}, and the equivalents of the two OpenAI formats.
     */
    public static Behaviour errorInsideStreamBeforeContent() {
        return (req, socket, out) -> {
            Dialect d = Dialect.of(req.path());
            writeHead(out, 200, d.contentType(), Map.of());
            List<String> frames = switch (d) {
                case MESSAGES -> List.of(d.frames("").get(0), Dialect.event("error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
                case RESPONSES -> List.of(d.frames("").get(0), Dialect.event("response.failed",
                        "{\"type\":\"response.failed\",\"sequence_number\":1,\"response\":{\"id\":\"r1\","
                                + "\"object\":\"response\",\"status\":\"failed\",\"model\":\"m\",\"output\":[],"
                                + "\"error\":{\"code\":\"server_error\",\"message\":\"The server is overloaded\"}}}"));
                case COMPLETIONS -> List.of(d.frames("").get(0), Dialect.data(
                        "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"overloaded_error\"}}"));
                // Ollama's own wording when its queue is full (OLLAMA_MAX_QUEUE)
                case OLLAMA -> List.of("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}\n");
            };
            for (String frame : frames) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        };
    }

    /**
     * Sends a 200 stream head, then the answer one byte per {@code gap}: an upstream that is technically
     * sending while never completing an event. With {@code afterFirstText}, the frames up to the first
     * text delta go out whole first, and only the rest trickles.
     */
    public static Behaviour trickle(Duration gap, boolean afterFirstText) {
        return (req, socket, out) -> {
            Dialect d = Dialect.of(req.path());
            writeHead(out, 200, d.contentType(), Map.of());
            List<String> frames = d.frames("trickled answer");
            int whole = afterFirstText ? d.framesToFirstText() : 0;
            for (String frame : frames.subList(0, whole)) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            for (String frame : frames.subList(whole, frames.size())) {
                for (byte b : frame.getBytes(StandardCharsets.UTF_8)) {
                    Thread.sleep(gap.toMillis()); // the fake server being slow, not test synchronisation
                    out.write(b);
                    out.flush();
                }
            }
        };
    }

    /** A 200 stream that never ends: the first text delta, repeated until the client hangs up. */
    public static Behaviour endless() {
        return (req, socket, out) -> {
            Dialect d = Dialect.of(req.path());
            writeHead(out, 200, d.contentType(), Map.of());
            List<String> frames = d.frames("x".repeat(1000));
            for (String frame : frames.subList(0, d.framesToFirstText())) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            byte[] delta = frames.get(d.framesToFirstText() - 1).getBytes(StandardCharsets.UTF_8);
            while (!socket.isClosed()) { // ends when a write fails: the client went away
                out.write(delta);
            }
        };
    }

    /** A 200 stream whose first content frame is not JSON. */
    public static Behaviour badJsonChunk() {
        return (req, socket, out) -> {
            writeHead(out, 200, "text/event-stream", Map.of());
            out.write("data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"hi\"\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    /** Answers each request with the next behaviour; the last one repeats. */
    public static Behaviour sequence(Behaviour... behaviours) {
        List<Behaviour> list = new ArrayList<>(List.of(behaviours));
        return (req, socket, out) -> {
            Behaviour b;
            synchronized (list) {
                b = list.size() > 1 ? list.remove(0) : list.get(0);
            }
            b.handle(req, socket, out);
        };
    }

    public static void writeHead(OutputStream out, int status, String contentType, Map<String, String> extra)
            throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(contentType).append("\r\nConnection: close\r\n");
        extra.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void writeFull(OutputStream out, int status, String contentType, String body,
            Map<String, String> extra) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Length", String.valueOf(bytes.length));
        writeHead(out, status, contentType, headers);
        out.write(bytes);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** The four streaming wire formats. */
    public enum Dialect {
        COMPLETIONS, RESPONSES, MESSAGES, OLLAMA;

        public static Dialect of(String path) {
            if (path.contains("/api/chat")) {
                return OLLAMA;
            }
            if (path.contains("/messages")) {
                return MESSAGES;
            }
            return path.contains("/responses") ? RESPONSES : COMPLETIONS;
        }

        /** How many frames up to and including the first text delta. */
        public int framesToFirstText() {
            return switch (this) {
                case COMPLETIONS -> 2;
                case RESPONSES -> 2;
                case MESSAGES -> 3;
                case OLLAMA -> 1;
            };
        }

        /** Ollama streams NDJSON; the others SSE. */
        public String contentType() {
            return this == OLLAMA ? "application/x-ndjson" : "text/event-stream";
        }

        public List<String> frames(String text) {
            String t = text.replace("\\", "\\\\").replace("\"", "\\\"");
            return switch (this) {
                case COMPLETIONS -> List.of(
                        data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"),
                        data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + t + "\"},\"finish_reason\":null}]}"),
                        data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}"),
                        "data: [DONE]\n\n");
                case RESPONSES -> List.of(
                        event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,"
                                + "\"response\":{\"id\":\"r1\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}"),
                        event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,"
                                + "\"item_id\":\"msg1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + t + "\"}"),
                        event("response.output_text.done", "{\"type\":\"response.output_text.done\",\"sequence_number\":2,"
                                + "\"item_id\":\"msg1\",\"output_index\":0,\"content_index\":0,\"text\":\"" + t + "\"}"),
                        event("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":3,"
                                + "\"response\":{\"id\":\"r1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"m\","
                                + "\"output\":[{\"type\":\"message\",\"id\":\"msg1\",\"role\":\"assistant\",\"status\":\"completed\","
                                + "\"content\":[{\"type\":\"output_text\",\"text\":\"" + t + "\",\"annotations\":[]}]}],"
                                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3,\"total_tokens\":8}}}"));
                case MESSAGES -> List.of(
                        event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                                + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,"
                                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"),
                        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                        event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + t + "\"}}"),
                        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                                + "\"usage\":{\"output_tokens\":3}}"),
                        event("message_stop", "{\"type\":\"message_stop\"}"));
                case OLLAMA -> List.of(
                        "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                                + "\"content\":\"" + t + "\"},\"done\":false}\n",
                        "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:01Z\",\"message\":{\"role\":\"assistant\","
                                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":5,"
                                + "\"eval_count\":3}\n");
            };
        }

        private static String data(String json) {
            return "data: " + json + "\n\n";
        }

        private static String event(String name, String json) {
            return "event: " + name + "\ndata: " + json + "\n\n";
        }
    }

    /** Blocks the calling test until {@link #close()}; for behaviours that must outlive a request. */
    boolean awaitClosed(Duration max) throws InterruptedException {
        return closed.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }
}
