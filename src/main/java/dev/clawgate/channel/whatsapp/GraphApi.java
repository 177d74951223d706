package dev.clawgate.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.channel.ChatTransport;
import dev.clawgate.channel.DeliveryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Graph API calls the channel makes: {@code POST /{phoneNumberId}/messages} (text, read receipt with
 * typing indicator), {@code GET /{phoneNumberId}} (the health check) and {@code GET /{mediaId}} followed by a
 * download of its {@code url} with the same token (inbound photos). Graph error objects are mapped to
 * what the caller should do.
 */
final class GraphApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Re-engagement: more than 24 hours since the customer last wrote; only template messages may be sent. */
    static final int OUTSIDE_WINDOW = 131047;
    private static final int BAD_TOKEN = 190;

    private final HttpClient http;
    private final String root;
    private final String phoneNumberId;
    private final String accessToken;

    GraphApi(String apiRoot, String phoneNumberId, String accessToken) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.root = apiRoot.replaceAll("/+$", "");
        this.phoneNumberId = phoneNumberId;
        this.accessToken = accessToken;
    }

    /** The business number's display form ({@code +1 555-…}); throws when the token or id is wrong. */
    String displayNumber() throws DeliveryException {
        JsonNode body = call(HttpRequest.newBuilder(URI.create(root + "/" + phoneNumberId
                + "?fields=display_phone_number")).GET(), "phone number lookup");
        return body.path("display_phone_number").asText(phoneNumberId);
    }

    void sendText(String to, String text) throws DeliveryException {
        ObjectNode body = JSON.createObjectNode().put("messaging_product", "whatsapp")
                .put("recipient_type", "individual").put("to", to).put("type", "text");
        body.putObject("text").put("preview_url", false).put("body", text);
        post(body, "send");
    }

    void markReadAndTyping(String messageId) throws DeliveryException {
        ObjectNode body = JSON.createObjectNode().put("messaging_product", "whatsapp").put("status", "read")
                .put("message_id", messageId);
        body.putObject("typing_indicator").put("type", "text");
        post(body, "read receipt");
    }

    /** Looks up a media id and downloads it, refusing more than {@code maxBytes}. */
    ChatTransport.DownloadedImage downloadMedia(String mediaId, long maxBytes)
            throws DeliveryException, ChatTransport.MediaTooLargeException {
        JsonNode media = call(HttpRequest.newBuilder(URI.create(root + "/" + mediaId)).GET(), "media lookup");
        long size = media.path("file_size").asLong(-1);
        if (size > maxBytes) {
            throw new ChatTransport.MediaTooLargeException(size, maxBytes);
        }
        String url = media.path("url").asText("");
        if (url.isEmpty()) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, "media lookup returned no url");
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("authorization", "Bearer " + accessToken).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "media download failed: HTTP "
                            + response.statusCode());
                }
                return new ChatTransport.DownloadedImage(media.path("mime_type").asText("image/jpeg"),
                        ChatTransport.readAtMost(in, maxBytes));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "media download failed: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "media download: interrupted");
        }
    }

    private void post(ObjectNode body, String what) throws DeliveryException {
        call(HttpRequest.newBuilder(URI.create(root + "/" + phoneNumberId + "/messages"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), what);
    }

    private JsonNode call(HttpRequest.Builder request, String what) throws DeliveryException {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("authorization", "Bearer " + accessToken)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, what + ": cannot reach " + root + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, what + ": interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (response.statusCode() / 100 == 2) {
            return body;
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(0);
        String details = error.path("error_data").path("details").asText(error.path("message").asText(""));
        String message = what + " failed: HTTP " + response.statusCode() + ", Graph error " + code + " " + details;
        if (code == OUTSIDE_WINDOW) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, message + " (outside the 24-hour "
                    + "customer-service window: the user must write first)");
        }
        if (code == BAD_TOKEN || response.statusCode() == 401) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, message + " (the access token was "
                    + "rejected: check channels.whatsapp.cloudApi.accessToken)");
        }
        if (response.statusCode() == 429 || code == 4 || code == 80007 || code == 130429 || code == 131056) {
            throw new DeliveryException(DeliveryException.Kind.RATE_LIMITED, message, null);
        }
        if (response.statusCode() >= 500 || code == 1 || code == 2 || code == 131000) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, message);
        }
        throw new DeliveryException(DeliveryException.Kind.PERMANENT, message);
    }
}
