package dev.clawgate.bench;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback model-server stand-in (Helidon SE, virtual threads) fast enough never to be the bottleneck.
 *
 * <p>Serves OpenAI Chat Completions and Responses, plain and streamed, with pre-encoded bodies. The
 * behaviour is chosen by path segments before {@code /v1}, so one server can play several upstreams
 * (each gateway provider gets its own {@code baseUrl}):
 *
 * <pre>
 *   /v1/...                   defaults: 16 text chunks, no pause between them
 *   /c200/i100/v1/...         200 chunks, 100 ms between chunks (a slow stream)
 *   /f20/v1/...               20 ms before the first token (time to first token of a "model")
 *   /e500/v1/...              every POST answers HTTP 500 (a failing primary)
 * </pre>
 *
 * A streamed answer sends its head frames and first text chunk at once (after {@code f}), then one chunk
 * per interval, then the terminal frames. A plain answer with a pace waits the whole generation time.
 * With no pace, a streamed answer is written in one go and flushed once. {@code GET .../v1/models} lists
 * model {@code m}; the LM Studio and Ollama probe paths answer 404, as a vLLM server would.
 */
public final class Upstream {

    private static final byte[] MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"owned_by\":\"bench\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_FOUND = "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] FAILURE = "{\"error\":{\"message\":\"bench upstream: primary is failing (HTTP 500)\",\"type\":\"server_error\",\"code\":null}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String[] WORDS = {"Hello", " there", "!", " This", " is", " a", " fixed", " answer",
        " from", " the", " bench", " upstream", ",", " chunk", " by", " chunk"};

    /** Parsed from the path prefix. */
    record Behaviour(int chunks, int intervalMs, int firstMs, boolean fail500) {
        static final Behaviour DEFAULT = new Behaviour(16, 0, 0, false);
    }

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Frames> frames = new ConcurrentHashMap<>();

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[++i]);
            }
        }
        Upstream upstream = new Upstream();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .backlog(4096)
                // Helidon leaves Nagle on by default: a streamed chunk written while the previous one is unacknowledged
                // then waits for the client's delayed ACK (40 ms on Linux).
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r.any(upstream::handle))
                .build()
                .start();
        System.out.println("upstream listening on 127.0.0.1:" + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    void handle(ServerRequest req, ServerResponse res) throws IOException {
        String path = req.path().rawPath();
        int v1 = path.indexOf("/v1/");
        if (v1 < 0) {
            send(res, 404, NOT_FOUND);
            return;
        }
        Behaviour b = behaviours.computeIfAbsent(path.substring(0, v1), Upstream::parse);
        String endpoint = path.substring(v1 + 3);
        if (req.prologue().method() == Method.GET) {
            send(res, endpoint.equals("/models") ? 200 : 404, endpoint.equals("/models") ? MODELS : NOT_FOUND);
            return;
        }
        byte[] body = req.content().inputStream().readAllBytes();
        if (b.fail500()) {
            send(res, 500, FAILURE);
            return;
        }
        boolean chat = endpoint.equals("/chat/completions");
        if (!chat && !endpoint.equals("/responses")) {
            send(res, 404, NOT_FOUND);
            return;
        }
        boolean stream = flagTrue(body, "\"stream\"");
        boolean usage = indexOf(body, "\"include_usage\"".getBytes(StandardCharsets.US_ASCII)) >= 0;
        Frames f = frames.computeIfAbsent((chat ? "c" : "r") + b.chunks(), k -> chat ? chatFrames(b.chunks())
                : responsesFrames(b.chunks()));
        if (!stream) {
            pause(b.firstMs() + (long) Math.max(0, b.chunks() - 1) * b.intervalMs());
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(f.whole);
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        pause(b.firstMs());
        try (OutputStream out = res.outputStream()) {
            out.write(f.head);
            boolean paced = b.intervalMs() > 0;
            for (int i = 0; i < f.chunks.length; i++) {
                if (i > 0 && paced) {
                    out.flush();
                    pause(b.intervalMs());
                }
                out.write(f.chunks[i]);
            }
            out.write(f.tail);
            if (usage) {
                out.write(f.usage);
            }
            out.write(f.end);
        } catch (IOException | RuntimeException e) {
            // the client went away mid-stream (the 1,000-stream test closes its streams); nothing to do
        }
    }

    private static void send(ServerResponse res, int status, byte[] body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }

    private static void pause(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Behaviour parse(String prefix) {
        Behaviour b = Behaviour.DEFAULT;
        for (String seg : prefix.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            char k = seg.charAt(0);
            String v = seg.substring(1);
            b = switch (k) {
                case 'c' -> new Behaviour(Integer.parseInt(v), b.intervalMs(), b.firstMs(), b.fail500());
                case 'i' -> new Behaviour(b.chunks(), Integer.parseInt(v), b.firstMs(), b.fail500());
                case 'f' -> new Behaviour(b.chunks(), b.intervalMs(), Integer.parseInt(v), b.fail500());
                case 'e' -> new Behaviour(b.chunks(), b.intervalMs(), b.firstMs(), v.equals("500"));
                default -> b;
            };
        }
        return b;
    }

    /** True when {@code "stream"} is followed by {@code :} and {@code true} (whitespace allowed). */
    static boolean flagTrue(byte[] body, String key) {
        int i = indexOf(body, key.getBytes(StandardCharsets.US_ASCII));
        if (i < 0) {
            return false;
        }
        i += key.length();
        while (i < body.length && (body[i] == ' ' || body[i] == ':' || body[i] == '\n' || body[i] == '\t' || body[i] == '\r')) {
            i++;
        }
        return i < body.length && body[i] == 't';
    }

    static int indexOf(byte[] a, byte[] needle) {
        outer:
        for (int i = 0; i <= a.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Pre-encoded bytes of one answer: head frames, one frame per text chunk, terminal frames. */
    record Frames(byte[] head, byte[][] chunks, byte[] tail, byte[] usage, byte[] end, byte[] whole) {}

    private static String word(int i) {
        return WORDS[i % WORDS.length];
    }

    private static String text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(word(i));
        }
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Frames chatFrames(int n) {
        String base = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"system_fingerprint\":null,\"choices\":";
        byte[] head = utf8("data: " + base + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        byte[][] chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            chunks[i] = utf8("data: " + base + "[{\"index\":0,\"delta\":{\"content\":\"" + word(i)
                    + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        byte[] tail = utf8("data: " + base + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        String usageJson = "{\"prompt_tokens\":24,\"completion_tokens\":" + n + ",\"total_tokens\":" + (24 + n) + "}";
        byte[] usage = utf8("data: " + base + "[],\"usage\":" + usageJson + "}\n\n");
        byte[] end = utf8("data: [DONE]\n\n");
        byte[] whole = utf8("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"m\","
                + "\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + text(n) + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":" + usageJson + "}");
        return new Frames(head, chunks, tail, usage, end, whole);
    }

    static Frames responsesFrames(int n) {
        List<String> head = new ArrayList<>();
        int[] seq = {0};
        String resp = "\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1700000000,\"model\":\"m\"";
        head.add(ev("response.created", seq, "\"response\":{" + resp + ",\"status\":\"in_progress\",\"output\":[]}"));
        head.add(ev("response.in_progress", seq, "\"response\":{" + resp + ",\"status\":\"in_progress\",\"output\":[]}"));
        head.add(ev("response.output_item.added", seq, "\"output_index\":0,\"item\":{\"id\":\"msg_bench\",\"type\":\"message\","
                + "\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}"));
        head.add(ev("response.content_part.added", seq, "\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,"
                + "\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}"));
        byte[][] chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            chunks[i] = utf8(ev("response.output_text.delta", seq, "\"item_id\":\"msg_bench\",\"output_index\":0,"
                    + "\"content_index\":0,\"delta\":\"" + word(i) + "\""));
        }
        String all = text(n);
        String message = "{\"id\":\"msg_bench\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"" + all + "\",\"annotations\":[]}]}";
        String usage = "\"usage\":{\"input_tokens\":24,\"output_tokens\":" + n + ",\"total_tokens\":" + (24 + n) + "}";
        StringBuilder tail = new StringBuilder();
        tail.append(ev("response.output_text.done", seq, "\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,"
                + "\"text\":\"" + all + "\""));
        tail.append(ev("response.content_part.done", seq, "\"item_id\":\"msg_bench\",\"output_index\":0,\"content_index\":0,"
                + "\"part\":{\"type\":\"output_text\",\"text\":\"" + all + "\",\"annotations\":[]}"));
        tail.append(ev("response.output_item.done", seq, "\"output_index\":0,\"item\":" + message));
        tail.append(ev("response.completed", seq, "\"response\":{" + resp + ",\"status\":\"completed\",\"output\":["
                + message + "]," + usage + "}"));
        byte[] whole = utf8("{" + resp + ",\"status\":\"completed\",\"output\":[" + message + "]," + usage + "}");
        return new Frames(utf8(String.join("", head)), chunks, utf8(tail.toString()), new byte[0], new byte[0], whole);
    }

    private static String ev(String type, int[] seq, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + (seq[0]++) + "," + fields + "}\n\n";
    }
}
