package dev.clawgate.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.Recorded;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Graph API for one WhatsApp Business phone number: {@code GET /{phone-number-id}} and
 * {@code POST /{phone-number-id}/messages} (text messages, read receipts with typing indicator), behind
 * {@code Authorization: Bearer}. Errors are Graph error objects with their HTTP status, as Meta documents
 * them ({@code code} 190 for a bad token, 131047 outside the 24-hour window, 100 for invalid parameters).
 * Inbound media: {@code GET /{media-id}} answers {@code url}, {@code mime_type}, {@code sha256},
 * {@code file_size}, and the {@code url} (an attachments path on the same loopback server, as Meta's lookaside
 * host) serves the bytes only with the same bearer token.
 */
final class FakeGraphApi implements AutoCloseable {

    static final String VERSION = "/v23.0";
    private static final String ATTACHMENTS = "/whatsapp_business/attachments/";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Sent(String to, String text) {}

    private final FakeUpstream server;
    private final String phoneNumberId;
    private final String token;
    /** The messages the bot sent, in order. */
    final Recorded<Sent> sent = new Recorded<>();
    /** {@code messageId/typingIndicator} per read receipt. */
    final Recorded<String> readReceipts = new Recorded<>();
    private final Deque<ObjectNode> failures = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, byte[]> media = new ConcurrentHashMap<>();
    /** The media ids the gateway looked up, in order. */
    final Recorded<String> mediaLookups = new Recorded<>();

    FakeGraphApi(String phoneNumberId, String token) throws IOException {
        this.phoneNumberId = phoneNumberId;
        this.token = token;
        this.server = new FakeUpstream().on(VERSION + "/", this::handle).on(ATTACHMENTS, this::download);
    }

    String apiRoot() {
        return server.root() + VERSION;
    }

    /** Uploads media as a user's phone does; returns its media id (as a webhook {@code image.id} names it). */
    String upload(byte[] bytes) {
        String id = "10" + (1000 + media.size());
        media.put(id, bytes.clone());
        return id;
    }

    synchronized void failNextSend(ObjectNode graphError) {
        failures.add(graphError);
    }

    static ObjectNode error(int status, int code, String message, String details) {
        ObjectNode root = JSON.createObjectNode().put("http_status", status);
        ObjectNode e = root.putObject("error").put("message", message).put("type", "OAuthException").put("code", code);
        if (details != null) {
            e.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        e.put("fbtrace_id", "AbCdEfGh123");
        return root;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(FakeUpstream.Request req, Socket socket, OutputStream out) throws IOException {
        if (!("Bearer " + token).equals(req.headers().get("authorization"))) {
            reply(out, error(401, 190, "Invalid OAuth access token - Cannot parse access token", null));
            return;
        }
        String path = req.path().split("\\?")[0];
        String mediaId = path.substring(VERSION.length() + 1);
        if (req.method().equals("GET") && media.containsKey(mediaId)) {
            mediaLookups.add(mediaId);
            byte[] bytes = media.get(mediaId);
            reply(out, JSON.createObjectNode().put("messaging_product", "whatsapp")
                    .put("url", server.root() + ATTACHMENTS + "?mid=" + mediaId + "&ext=1700000000&hash=ATt0k")
                    .put("mime_type", "image/jpeg").put("sha256", sha256(bytes))
                    .put("file_size", String.valueOf(bytes.length)).put("id", mediaId));
            return;
        }
        if (req.method().equals("GET") && path.equals(VERSION + "/" + phoneNumberId)) {
            reply(out, JSON.createObjectNode().put("display_phone_number", "+1 555-010-0000").put("id", phoneNumberId));
            return;
        }
        if (!req.method().equals("POST") || !path.equals(VERSION + "/" + phoneNumberId + "/messages")) {
            reply(out, error(400, 100, "Unsupported request - method type: " + req.method().toLowerCase(), null));
            return;
        }
        JsonNode body = JSON.readTree(req.body());
        if (!"whatsapp".equals(body.path("messaging_product").asText())) {
            reply(out, error(400, 100, "(#100) The parameter messaging_product is required.", null));
            return;
        }
        if ("read".equals(body.path("status").asText())) {
            readReceipts.add(body.path("message_id").asText() + "/" + body.path("typing_indicator").path("type").asText());
            reply(out, JSON.createObjectNode().put("success", true));
            return;
        }
        ObjectNode failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            reply(out, failure);
            return;
        }
        String text = body.path("text").path("body").asText("");
        if (!"text".equals(body.path("type").asText()) || text.isEmpty() || text.length() > 4096) {
            reply(out, error(400, 100, "(#100) Invalid parameter", "text.body must be 1 to 4096 characters"));
            return;
        }
        String to = body.path("to").asText();
        sent.add(new Sent(to, text));
        ObjectNode ok = JSON.createObjectNode().put("messaging_product", "whatsapp");
        ok.putArray("contacts").addObject().put("input", to).put("wa_id", to);
        ok.putArray("messages").addObject().put("id", "wamid.OUT" + ids.incrementAndGet());
        reply(out, ok);
    }

    private void download(FakeUpstream.Request req, Socket socket, OutputStream out) throws IOException {
        String query = req.path().contains("?") ? req.path().substring(req.path().indexOf('?') + 1) : "";
        String mid = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("mid=")) {
                mid = pair.substring(4);
            }
        }
        byte[] bytes = mid == null ? null : media.get(mid);
        if (!("Bearer " + token).equals(req.headers().get("authorization"))) {
            reply(out, error(401, 190, "Invalid OAuth access token - Cannot parse access token", null));
            return;
        }
        if (bytes == null) {
            reply(out, error(404, 100, "(#100) Invalid parameter", null));
            return;
        }
        FakeUpstream.writeHead(out, 200, "image/jpeg", Map.of("Content-Length", String.valueOf(bytes.length)));
        out.write(bytes);
        out.flush();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(OutputStream out, ObjectNode body) throws IOException {
        int status = body.has("http_status") ? body.remove("http_status").asInt() : 200;
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        FakeUpstream.writeHead(out, status, "application/json", Map.of("Content-Length", String.valueOf(bytes.length)));
        out.write(bytes);
        out.flush();
    }
}
