package dev.clawgate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback model server for agent tests, speaking all four upstream APIs (Chat Completions, Responses,
 * Anthropic Messages, Ollama chat). Each request is parsed back into a canonical {@link ChatRequest} and
 * answered by a {@link Brain}; the answer is streamed in the request's dialect with reasoning, text and
 * tool calls. On Chat Completions the server enforces a context window as vLLM does: it counts the prompt
 * with the same {@link TokenEstimator} the runtime uses and answers HTTP 400 with vLLM's body when prompt
 * plus {@code max_tokens} exceeds the window.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the model answers. */
    public record Reply(String reasoning, String text, List<Part.ToolCall> toolCalls) {
        public static Reply text(String text) {
            return new Reply(null, text, List.of());
        }

        static Reply call(String id, String name, String argumentsJson) {
            return new Reply(null, "", List.of(new Part.ToolCall(id, name, argumentsJson)));
        }
    }

    @FunctionalInterface
    public interface Brain {
        Reply answer(ChatRequest request) throws InterruptedException;
    }

    /**
     * Paces a Chat Completions answer: called before the response head ({@code frame} -1) and before each
     * streamed frame, with the connection's socket, so a test can hold the answer there (a slow model) and
     * watch the connection.
     */
    @FunctionalInterface
    interface Pacer {
        Pacer NONE = (frame, socket) -> { };

        void beforeFrame(int frame, java.net.Socket socket) throws IOException, InterruptedException;
    }

    /** One request as the server saw it. */
    record Seen(String path, ChatRequest request, long promptTokens, int maxTokens, int status) {}

    private final FakeUpstream server;
    private final Brain brain;
    private volatile int window;
    private volatile java.util.function.Predicate<ChatRequest> forceOverflow = r -> false;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();
    private volatile Pacer pacer = Pacer.NONE;

    public ScriptedModelServer(int window, Brain brain) throws IOException {
        this.window = window;
        this.brain = brain;
        this.server = new FakeUpstream();
        server.on("/v1/chat/completions", this::completions)
                .on("/v1/responses", (req, socket, out) -> other(req, out, Dialect.RESPONSES))
                .on("/v1/messages", (req, socket, out) -> other(req, out, Dialect.MESSAGES))
                .on("/api/chat", (req, socket, out) -> other(req, out, Dialect.OLLAMA));
    }

    enum Dialect { COMPLETIONS, RESPONSES, MESSAGES, OLLAMA }

    /** {@code http://127.0.0.1:port} (Anthropic and Ollama base URLs). */
    public String root() {
        return server.root();
    }

    /** {@code http://127.0.0.1:port/v1} (OpenAI-style base URLs). */
    public String baseUrl() {
        return server.baseUrl();
    }

    void window(int w) {
        this.window = w;
    }

    /** Answers matching requests with the overflow error whatever their size (a server that never fits). */
    void forceOverflow(java.util.function.Predicate<ChatRequest> which) {
        this.forceOverflow = which;
    }

    void pacer(Pacer p) {
        this.pacer = p;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Model calls (not probes) that were answered, in order. */
    public List<ChatRequest> answered() {
        return seen.stream().filter(s -> s.status() == 200).map(Seen::request).toList();
    }

    /** The raw JSON bodies of every request, in order (what went over the wire, images included). */
    public List<String> requestBodies() {
        return server.requests().stream().map(FakeUpstream.Request::body).toList();
    }

    int overflows() {
        return overflows.get();
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ chat completions

    private void completions(FakeUpstream.Request req, java.net.Socket socket, OutputStream out)
            throws IOException, InterruptedException {
        JsonNode body = JSON.readTree(req.body());
        ChatRequest request = parseCompletions(body);
        long prompt = TokenEstimator.shared().estimatePromptTokens(request);
        int maxTokens = body.has("max_tokens") ? body.get("max_tokens").asInt()
                : body.path("max_completion_tokens").asInt(0);
        if (prompt + maxTokens > window || forceOverflow.test(request)) {
            overflows.incrementAndGet();
            seen.add(new Seen(req.path(), request, prompt, maxTokens, 400));
            String message = "This model's maximum context length is " + window + " tokens. However, you requested "
                    + (prompt + maxTokens) + " tokens (" + prompt + " in the messages, " + maxTokens
                    + " in the completion). Please reduce the length of the messages or completion.";
            ObjectNode error = JSON.createObjectNode().put("object", "error").put("message", message)
                    .put("type", "BadRequestError").put("code", 400);
            FakeUpstream.status(400, "application/json", error.toString()).handle(req, socket, out);
            return;
        }
        seen.add(new Seen(req.path(), request, prompt, maxTokens, 200));
        Reply reply = brain.answer(request);
        Pacer p = pacer;
        p.beforeFrame(-1, socket);
        FakeUpstream.writeHead(out, 200, "text/event-stream", Map.of());
        List<String> frames = completionsFrames(reply, prompt);
        for (int i = 0; i < frames.size(); i++) {
            p.beforeFrame(i, socket);
            out.write(frames.get(i).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    static ChatRequest parseCompletions(JsonNode body) {
        String system = null;
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText();
            switch (role) {
                case "system", "developer" -> system = text(m.get("content"));
                case "user" -> messages.add(userMessage(m.get("content")));
                case "assistant" -> {
                    List<Part> parts = new ArrayList<>();
                    String reasoning = m.path("reasoning_content").asText(m.path("reasoning").asText(""));
                    if (!reasoning.isEmpty()) {
                        parts.add(new Part.Reasoning(reasoning, null, false));
                    }
                    String content = text(m.get("content"));
                    if (!content.isEmpty()) {
                        parts.add(new Part.Text(content));
                    }
                    for (JsonNode c : m.path("tool_calls")) {
                        parts.add(new Part.ToolCall(c.path("id").asText(), c.path("function").path("name").asText(),
                                c.path("function").path("arguments").asText()));
                    }
                    messages.add(new Message(Message.Role.ASSISTANT, parts));
                }
                case "tool" -> messages.add(new Message(Message.Role.TOOL, List.of(new Part.ToolResult(
                        m.path("tool_call_id").asText(), m.path("name").asText(null), text(m.get("content")), false))));
                default -> throw new IllegalArgumentException("unexpected role " + role);
            }
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) {
            JsonNode f = t.path("function");
            tools.add(new ToolSpec(f.path("name").asText(), f.path("description").asText(), f.get("parameters")));
        }
        return new ChatRequest(body.path("model").asText(), system, messages, tools, null, null, null, null, List.of(),
                true, null, null);
    }

    /** The user's text, followed by the images of {@code image_url} parts that carry a base64 data URL. */
    private static Message userMessage(JsonNode content) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text(text(content)));
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String url = part.path("image_url").path("url").asText("");
                int comma = url.indexOf(";base64,");
                if (url.startsWith("data:") && comma > 0) {
                    parts.add(new Part.Image(url.substring(5, comma), url.substring(comma + 8), null));
                }
            }
        }
        return new Message(Message.Role.USER, parts);
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText(""));
        }
        return sb.toString();
    }

    private static List<String> completionsFrames(Reply reply, long promptTokens) {
        List<String> frames = new ArrayList<>();
        frames.add(chunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null, null));
        if (reply.reasoning() != null) {
            frames.add(chunk(JSON.createObjectNode().put("reasoning_content", reply.reasoning()), null, null));
        }
        if (reply.text() != null && !reply.text().isEmpty()) {
            // Two pieces, so that filters see text split across deltas.
            int half = reply.text().length() / 2;
            frames.add(chunk(JSON.createObjectNode().put("content", reply.text().substring(0, half)), null, null));
            frames.add(chunk(JSON.createObjectNode().put("content", reply.text().substring(half)), null, null));
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            Part.ToolCall c = reply.toolCalls().get(i);
            ObjectNode delta = JSON.createObjectNode();
            ObjectNode call = delta.putArray("tool_calls").addObject().put("index", i).put("id", c.id())
                    .put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
            frames.add(chunk(delta, null, null));
        }
        long completion = TokenEstimator.shared().countText(reply.text()) + TokenEstimator.shared().countText(reply.reasoning());
        ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completion).put("total_tokens", promptTokens + completion);
        frames.add(chunk(JSON.createObjectNode(), reply.toolCalls().isEmpty() ? "stop" : "tool_calls", usage));
        frames.add("data: [DONE]\n\n");
        return frames;
    }

    private static String chunk(ObjectNode delta, String finish, ObjectNode usage) {
        ObjectNode c = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion.chunk").put("created", 1)
                .put("model", "m");
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        if (usage != null) {
            c.set("usage", usage);
        }
        return "data: " + c + "\n\n";
    }

    // ------------------------------------------------------------------ the other dialects (text only)

    private void other(FakeUpstream.Request req, OutputStream out, Dialect dialect)
            throws IOException, InterruptedException {
        JsonNode body = JSON.readTree(req.body());
        String lastUser = lastUserText(body, dialect);
        ChatRequest request = ChatRequest.ofUserText(body.path("model").asText(), lastUser);
        seen.add(new Seen(req.path(), request, 0, 0, 200));
        Reply reply = brain.answer(request);
        switch (dialect) {
            case RESPONSES -> writeSse(out, responsesFrames(reply));
            case MESSAGES -> writeSse(out, messagesFrames(reply));
            case OLLAMA -> {
                FakeUpstream.writeHead(out, 200, "application/x-ndjson", Map.of());
                for (String line : ollamaLines(reply)) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String lastUserText(JsonNode body, Dialect dialect) {
        JsonNode list = dialect == Dialect.RESPONSES ? body.path("input") : body.path("messages");
        String last = "";
        for (JsonNode m : list) {
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.get("content");
                last = text(content);
            }
        }
        return last;
    }

    private static List<String> responsesFrames(Reply reply) {
        List<String> frames = new ArrayList<>();
        frames.add(event("response.created", JSON.createObjectNode().put("type", "response.created")
                .put("sequence_number", 0).set("response", response("in_progress", null))));
        int seq = 1;
        if (reply.reasoning() != null) {
            frames.add(event("response.reasoning_text.delta", JSON.createObjectNode()
                    .put("type", "response.reasoning_text.delta").put("sequence_number", seq++).put("item_id", "rs1")
                    .put("output_index", 0).put("content_index", 0).put("delta", reply.reasoning())));
        }
        String text = reply.text() == null ? "" : reply.text();
        frames.add(event("response.output_text.delta", JSON.createObjectNode()
                .put("type", "response.output_text.delta").put("sequence_number", seq++).put("item_id", "msg1")
                .put("output_index", 1).put("content_index", 0).put("delta", text)));
        frames.add(event("response.completed", JSON.createObjectNode().put("type", "response.completed")
                .put("sequence_number", seq).set("response", response("completed", text))));
        return frames;
    }

    private static ObjectNode response(String status, String text) {
        ObjectNode r = JSON.createObjectNode().put("id", "r1").put("object", "response").put("status", status)
                .put("model", "m");
        ArrayNode output = r.putArray("output");
        if (text != null) {
            ObjectNode msg = output.addObject().put("type", "message").put("id", "msg1").put("role", "assistant")
                    .put("status", "completed");
            msg.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
            r.putObject("usage").put("input_tokens", 20).put("output_tokens", 10).put("total_tokens", 30);
        }
        return r;
    }

    private static List<String> messagesFrames(Reply reply) {
        List<String> frames = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        start.putObject("message").put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", "m")
                .putNull("stop_reason").<ObjectNode>set("content", JSON.createArrayNode())
                .putObject("usage").put("input_tokens", 20).put("output_tokens", 1);
        frames.add(event("message_start", start));
        int index = 0;
        if (reply.reasoning() != null) {
            ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
            blockStart.putObject("content_block").put("type", "thinking").put("thinking", "");
            frames.add(event("content_block_start", blockStart));
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", "thinking_delta").put("thinking", reply.reasoning());
            frames.add(event("content_block_delta", delta));
            ObjectNode sig = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            sig.putObject("delta").put("type", "signature_delta").put("signature", "sig-1");
            frames.add(event("content_block_delta", sig));
            frames.add(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop")
                    .put("index", index)));
            index++;
        }
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        frames.add(event("content_block_start", blockStart));
        ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        delta.putObject("delta").put("type", "text_delta").put("text", reply.text() == null ? "" : reply.text());
        frames.add(event("content_block_delta", delta));
        frames.add(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", index)));
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", "end_turn");
        end.putObject("usage").put("output_tokens", 10);
        frames.add(event("message_delta", end));
        frames.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return frames;
    }

    private static List<String> ollamaLines(Reply reply) {
        List<String> lines = new ArrayList<>();
        if (reply.reasoning() != null) {
            ObjectNode l = JSON.createObjectNode().put("model", "m").put("done", false);
            l.putObject("message").put("role", "assistant").put("content", "").put("thinking", reply.reasoning());
            lines.add(l + "\n");
        }
        ObjectNode l = JSON.createObjectNode().put("model", "m").put("done", false);
        l.putObject("message").put("role", "assistant").put("content", reply.text() == null ? "" : reply.text());
        lines.add(l + "\n");
        ObjectNode done = JSON.createObjectNode().put("model", "m").put("done", true).put("done_reason", "stop")
                .put("prompt_eval_count", 20).put("eval_count", 10);
        done.putObject("message").put("role", "assistant").put("content", "");
        lines.add(done + "\n");
        return lines;
    }

    private static String event(String name, JsonNode json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    private static void writeSse(OutputStream out, List<String> frames) throws IOException {
        FakeUpstream.writeHead(out, 200, "text/event-stream", Map.of());
        for (String frame : frames) {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
