package dev.clawgate.channel;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP endpoint a channel serves on the gateway's port. It is exempt from the gateway token: the handler
 * authenticates every request with the channel's own secret (a signature, a secret header).
 *
 * @param method {@code GET} or {@code POST}
 * @param path the exact path, e.g. {@code /channels/whatsapp/webhook}
 */
public record Webhook(String method, String path, Handler handler) {

    /** Handles one request; must answer quickly (processing continues asynchronously). */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    /**
     * @param headers lower-cased names, first value
     * @param query decoded query parameters, first value
     */
    public record Request(Map<String, String> headers, Map<String, String> query, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public record Response(int status, String contentType, String body) {
        public static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body);
        }

        public static Response ok() {
            return new Response(200, "application/json", "{\"ok\":true}");
        }

        public byte[] bytes() {
            return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        }
    }
}
