package dev.clawgate.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.Recorded;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback Telegram Bot API ({@code https://core.telegram.org/bots/api}) for one bot token: {@code getMe},
 * {@code getUpdates} as a long poll that forgets updates below the confirmed offset, {@code sendMessage} with
 * the 4096-character limit and an HTML parse-mode check that answers the real "can't parse entities" error,
 * {@code editMessageText} of the bot's own messages (the edited message back, or "message is not modified",
 * "message to edit not found"), {@code sendChatAction}, {@code setWebhook}, {@code getFile} with downloads from
 * {@code /file/bot<token>/<file_path>}. Requests are form-encoded or JSON, as the real API accepts; every
 * answer is {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":…,"description":…}} with the
 * same HTTP status, and {@code parameters.retry_after} on 429.
 */
public final class FakeTelegramBotApi implements AutoCloseable {

    static final long BOT_ID = 777000111L;
    static final String BOT_USERNAME = "claw_bot";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message the bot sent, with the {@code message_id} the API gave it. */
    record Sent(String chatId, String text, String parseMode, String replyTo, int messageId) {}

    /** An edit of a message the bot sent. */
    record Edited(String chatId, int messageId, String text, String parseMode) {}

    /** A message the bot sent as the API returned it, with the text and parse mode it was last set with. */
    private record BotMessage(ObjectNode message, String text, String parseMode) {}

    private final FakeUpstream server;
    private final String token;
    private final List<ObjectNode> updates = new ArrayList<>();
    private final Deque<ObjectNode> sendFailures = new ArrayDeque<>();
    /** The messages the bot sent, in order. */
    final Recorded<Sent> sent = new Recorded<>();
    /** The edits that changed a message, in order. */
    final Recorded<Edited> edits = new Recorded<>();
    /** The bot's messages by {@code chat_id:message_id}, for editMessageText. */
    private final Map<String, BotMessage> botMessages = new ConcurrentHashMap<>();
    /** {@code chatId:action} per sendChatAction. */
    final Recorded<String> chatActions = new Recorded<>();
    /** Stored files by {@code file_id}: their {@code file_path} and bytes. */
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    /** The {@code file_id} per getFile call. */
    final Recorded<String> fileRequests = new Recorded<>();
    private final BlockingQueue<Integer> polls = new LinkedBlockingQueue<>();
    private int nextUpdateId = 100;
    private int nextMessageId = 1;
    private long confirmedOffset;
    private volatile boolean rejectHtml;
    private volatile boolean conflict;

    public FakeTelegramBotApi(String token) throws IOException {
        this.token = token;
        this.server = new FakeUpstream().on("/bot", this::handle).on("/file/bot", this::download);
    }

    /** The API root, as {@code channels.telegram.apiRoot}. */
    public String root() {
        return server.root();
    }

    // ------------------------------------------------------------------ what tests do

    /** A private-chat text message from {@code userId}; returns its update id. */
    synchronized int dm(long userId, String firstName, String text) {
        ObjectNode from = user(userId, firstName);
        ObjectNode chat = JSON.createObjectNode().put("id", userId).put("first_name", firstName).put("type", "private");
        return push(message(from, chat, text));
    }

    /** A supergroup text message; {@code mention} marks "@claw_bot" (at the start of the text) as a mention entity. */
    synchronized int group(long groupId, String title, long userId, String firstName, String text, boolean mention) {
        ObjectNode chat = JSON.createObjectNode().put("id", groupId).put("title", title).put("type", "supergroup");
        ObjectNode message = message(user(userId, firstName), chat, text);
        if (mention) {
            int at = text.indexOf("@" + BOT_USERNAME);
            message.putArray("entities").addObject().put("offset", at).put("length", BOT_USERNAME.length() + 1)
                    .put("type", "mention");
        }
        return push(message);
    }

    /**
     * A private-chat photo: Telegram sends every size it made, smallest first, each with its own
     * {@code file_id}; {@code full} is the biggest, a thumbnail of 16 bytes comes before it.
     */
    synchronized int dmPhoto(long userId, String firstName, String caption, byte[] full) {
        ObjectNode from = user(userId, firstName);
        ObjectNode chat = JSON.createObjectNode().put("id", userId).put("first_name", firstName).put("type", "private");
        ObjectNode message = message(from, chat, "");
        message.remove("text");
        if (caption != null) {
            message.put("caption", caption);
        }
        ArrayNode sizes = message.putArray("photo");
        sizes.add(photoSize(new byte[16], 90, 67));
        sizes.add(photoSize(full, 1280, 960));
        return push(message);
    }

    private ObjectNode photoSize(byte[] bytes, int width, int height) {
        String id = "AgACAgIAAxk" + (files.size() + 1);
        files.put(id, new StoredFile("photos/file_" + files.size() + ".jpg", bytes.clone()));
        return JSON.createObjectNode().put("file_id", id).put("file_unique_id", "AQAD" + files.size())
                .put("file_size", bytes.length).put("width", width).put("height", height);
    }

    private record StoredFile(String path, byte[] bytes) {}

    /** The next {@code sendMessage} calls fail with these Bot API errors, in order. */
    synchronized void failNextSends(ObjectNode... errors) {
        sendFailures.addAll(List.of(errors));
    }

    static ObjectNode error(int code, String description, Integer retryAfter) {
        ObjectNode e = JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        if (retryAfter != null) {
            e.putObject("parameters").put("retry_after", retryAfter);
        }
        return e;
    }

    /** Refuse every HTML message as a broken-entities one (as Telegram does for markup it cannot parse). */
    void rejectHtml(boolean on) {
        this.rejectHtml = on;
    }

    /** Answer getUpdates with 409 Conflict, as when a second process polls the same token. */
    void conflict(boolean on) {
        this.conflict = on;
    }

    /** Waits for a getUpdates call asking for at least {@code offset} (all updates below it confirmed). */
    boolean awaitPollFrom(int offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Integer seen = polls.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (seen != null && seen >= offset) {
                return true;
            }
        }
        return false;
    }

    synchronized long confirmedOffset() {
        return confirmedOffset;
    }

    long requestsTo(String method) {
        return server.requestsTo("/bot" + token + "/" + method);
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ the API

    private void handle(FakeUpstream.Request req, Socket socket, OutputStream out)
            throws IOException, InterruptedException {
        String prefix = "/bot" + token + "/";
        if (!req.path().startsWith(prefix)) {
            reply(out, error(401, "Unauthorized", null));
            return;
        }
        String method = req.path().substring(prefix.length()).split("\\?")[0];
        Map<String, String> params = params(req);
        switch (method) {
            case "getMe" -> reply(out, ok(user(BOT_ID, "Claw").put("is_bot", true).put("username", BOT_USERNAME)));
            case "getUpdates" -> getUpdates(params, out);
            case "sendMessage" -> sendMessage(params, out);
            case "editMessageText" -> editMessageText(params, out);
            case "sendChatAction" -> {
                chatActions.add(params.get("chat_id") + ":" + params.get("action"));
                reply(out, JSON.createObjectNode().put("ok", true).put("result", true));
            }
            case "getFile" -> getFile(params, out);
            case "setWebhook", "deleteWebhook" -> reply(out, JSON.createObjectNode().put("ok", true).put("result", true)
                    .put("description", "Webhook was set"));
            default -> reply(out, error(404, "Not Found", null));
        }
    }

    private void getUpdates(Map<String, String> params, OutputStream out) throws IOException, InterruptedException {
        if (conflict) {
            reply(out, error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot "
                    + "instance is running", null));
            return;
        }
        int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
        int timeout = Integer.parseInt(params.getOrDefault("timeout", "0"));
        polls.add(offset);
        ArrayNode result = JSON.createArrayNode();
        synchronized (this) {
            if (offset > confirmedOffset) {
                confirmedOffset = offset;
                updates.removeIf(u -> u.path("update_id").asInt() < offset);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            while (pendingFrom(offset).isEmpty() && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            pendingFrom(offset).forEach(result::add);
        }
        reply(out, ok(result));
    }

    private void getFile(Map<String, String> params, OutputStream out) throws IOException {
        String id = params.getOrDefault("file_id", "");
        fileRequests.add(id);
        StoredFile file = files.get(id);
        if (file == null) {
            reply(out, error(400, "Bad Request: invalid file_id", null));
            return;
        }
        reply(out, ok(JSON.createObjectNode().put("file_id", id).put("file_unique_id", "AQAD" + id.hashCode())
                .put("file_size", file.bytes().length).put("file_path", file.path())));
    }

    /** {@code GET /file/bot<token>/<file_path>}: the bytes, or the API's 404 for an unknown path or token. */
    private void download(FakeUpstream.Request req, Socket socket, OutputStream out) throws IOException {
        String prefix = "/file/bot" + token + "/";
        String path = req.path().startsWith(prefix) ? req.path().substring(prefix.length()) : null;
        StoredFile file = path == null ? null
                : files.values().stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
        if (file == null) {
            reply(out, error(404, "Not Found", null));
            return;
        }
        FakeUpstream.writeHead(out, 200, "image/jpeg", Map.of("Content-Length", String.valueOf(file.bytes().length)));
        out.write(file.bytes());
        out.flush();
    }

    private List<ObjectNode> pendingFrom(int offset) {
        return updates.stream().filter(u -> u.path("update_id").asInt() >= offset).toList();
    }

    private void sendMessage(Map<String, String> params, OutputStream out) throws IOException {
        ObjectNode failure;
        synchronized (this) {
            failure = sendFailures.poll();
        }
        if (failure != null) {
            reply(out, failure);
            return;
        }
        String text = params.getOrDefault("text", "");
        String parseMode = params.get("parse_mode");
        if (params.get("chat_id") == null) {
            reply(out, error(400, "Bad Request: chat_id is empty", null));
            return;
        }
        String problem = textProblem(text, parseMode);
        if (problem != null) {
            reply(out, error(400, problem, null));
            return;
        }
        String replyTo = params.get("reply_parameters") == null ? null
                : JSON.readTree(params.get("reply_parameters")).path("message_id").asText();
        ObjectNode message = JSON.createObjectNode();
        synchronized (this) {
            message.put("message_id", nextMessageId++);
        }
        message.set("from", user(BOT_ID, "Claw").put("is_bot", true).put("username", BOT_USERNAME));
        message.putObject("chat").put("id", Long.parseLong(params.get("chat_id"))).put("type", "private");
        message.put("date", System.currentTimeMillis() / 1000).put("text", TelegramHtml.visible(text, parseMode));
        int messageId = message.path("message_id").asInt();
        botMessages.put(params.get("chat_id") + ":" + messageId, new BotMessage(message, text, parseMode));
        sent.add(new Sent(params.get("chat_id"), text, parseMode, replyTo, messageId));
        reply(out, ok(message));
    }

    /** The Bot API's error description for this text, or null when it would be sent. */
    private String textProblem(String text, String parseMode) {
        if (text.isEmpty()) {
            return "Bad Request: message text is empty";
        }
        if ("HTML".equals(parseMode)) {
            String problem = rejectHtml ? "Unsupported start tag \"b\" at byte offset 0" : TelegramHtml.problem(text);
            if (problem != null) {
                return "Bad Request: can't parse entities: " + problem;
            }
        }
        return TelegramHtml.visible(text, parseMode).length() > 4096 ? "Bad Request: message is too long" : null;
    }

    /**
     * {@code editMessageText} of a chat message: the edited message with its {@code edit_date}, or the API's 400
     * when the message is not the bot's (not found) or the new text and formatting equal the current ones.
     */
    private void editMessageText(Map<String, String> params, OutputStream out) throws IOException {
        String chatId = params.get("chat_id");
        String messageId = params.get("message_id");
        if (chatId == null || messageId == null) {
            reply(out, error(400, params.containsKey("inline_message_id") ? "Bad Request: MESSAGE_ID_INVALID"
                    : "Bad Request: message identifier is not specified", null));
            return;
        }
        String text = params.getOrDefault("text", "");
        String parseMode = params.get("parse_mode");
        String key = chatId + ":" + messageId;
        BotMessage current = botMessages.get(key);
        String problem = current == null ? "Bad Request: message to edit not found" : textProblem(text, parseMode);
        if (problem == null && TelegramHtml.visible(text, parseMode).equals(current.message().path("text").asText())
                && TelegramHtml.markup(text, parseMode)
                        .equals(TelegramHtml.markup(current.text(), current.parseMode()))) {
            problem = "Bad Request: message is not modified: specified new message content and reply markup are "
                    + "exactly the same as a current content and reply markup of the message";
        }
        if (problem != null) {
            reply(out, error(400, problem, null));
            return;
        }
        ObjectNode edited = current.message().deepCopy().put("text", TelegramHtml.visible(text, parseMode))
                .put("edit_date", System.currentTimeMillis() / 1000);
        botMessages.put(key, new BotMessage(edited, text, parseMode));
        edits.add(new Edited(chatId, Integer.parseInt(messageId), text, parseMode));
        reply(out, ok(edited));
    }

    // ------------------------------------------------------------------ wire helpers

    private synchronized int push(ObjectNode message) {
        int id = nextUpdateId++;
        ObjectNode update = JSON.createObjectNode().put("update_id", id);
        update.set("message", message);
        updates.add(update);
        notifyAll();
        return id;
    }

    private ObjectNode message(ObjectNode from, ObjectNode chat, String text) {
        ObjectNode m = JSON.createObjectNode().put("message_id", nextMessageId++);
        m.set("from", from);
        m.set("chat", chat);
        return m.put("date", System.currentTimeMillis() / 1000).put("text", text);
    }

    private static ObjectNode user(long id, String firstName) {
        return JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", firstName);
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode o = JSON.createObjectNode().put("ok", true);
        o.set("result", result);
        return o;
    }

    private static void reply(OutputStream out, ObjectNode body) throws IOException {
        int status = body.path("ok").asBoolean() ? 200 : body.path("error_code").asInt(400);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        FakeUpstream.writeHead(out, status, "application/json", Map.of("Content-Length", String.valueOf(bytes.length)));
        out.write(bytes);
        out.flush();
    }

    private static Map<String, String> params(FakeUpstream.Request req) throws IOException {
        Map<String, String> out = new HashMap<>();
        int q = req.path().indexOf('?');
        if (q >= 0) {
            form(req.path().substring(q + 1), out);
        }
        String type = req.headers().getOrDefault("content-type", "");
        if (type.startsWith("application/json")) {
            JSON.readTree(req.body()).fields().forEachRemaining(e -> out.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        } else if (!req.body().isEmpty()) {
            form(req.body(), out);
        }
        return out;
    }

    private static void form(String encoded, Map<String, String> out) {
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }
}
