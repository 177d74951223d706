package dev.clawgate.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.channel.ChannelBase;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.channel.ChannelInbox;
import dev.clawgate.channel.ChannelPolicy;
import dev.clawgate.channel.ChatTransport;
import dev.clawgate.channel.ChatType;
import dev.clawgate.channel.DeliveryException;
import dev.clawgate.channel.InboundMessage;
import dev.clawgate.channel.MarkdownFormat;
import dev.clawgate.channel.Webhook;
import dev.clawgate.config.ChannelsConfig;
import dev.clawgate.routing.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp through the official Cloud API. Messages arrive on the gateway's webhook (reachable from Meta only
 * through the user's reverse proxy or tunnel); each POST is checked against {@code X-Hub-Signature-256}
 * before anything is read, stored (deduplicated by message id) and acknowledged at once, then answered
 * asynchronously. Status callbacks are recorded, not answered.
 */
public final class WhatsAppChannel extends ChannelBase {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CHANNEL = "whatsapp";
    public static final String WEBHOOK_PATH = "/channels/whatsapp/webhook";
    public static final String DEFAULT_API_ROOT = "https://graph.facebook.com/v23.0";

    private final GraphApi graph;
    private final String appSecret;
    private final String verifyToken;
    private final Sleeper sleeper;
    private final Clock clock;
    /** The latest statuses only: a long-running gateway must not keep one per message forever. */
    private static final int STATUSES_KEPT = 1000;
    private final Map<String, String> statuses = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > STATUSES_KEPT;
        }
    };
    private volatile ChannelInbox inbox;
    private volatile boolean stopped;
    private Thread checker;

    public WhatsAppChannel(ChannelsConfig.WhatsApp config, String accessToken, String appSecret, String verifyToken,
            Sleeper sleeper, Clock clock) {
        super(CHANNEL, ChannelPolicy.of(config.access()), clock);
        ChannelsConfig.CloudApi api = config.cloudApi();
        this.graph = new GraphApi(api.apiRoot() != null ? api.apiRoot() : DEFAULT_API_ROOT, api.phoneNumberId(),
                accessToken);
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public ChatTransport transport() {
        return transport;
    }

    @Override
    public void deliveryFailed(DeliveryException e) {
        super.deliveryFailed(e);
        if (e.getMessage().contains("access token was rejected")) {
            health.down(e.getMessage());
        }
    }

    /** Checks the credentials against the Graph API (retrying with backoff) while webhooks are already served. */
    @Override
    public synchronized void start(ChannelInbox target) {
        this.inbox = target;
        checker = Thread.ofVirtual().name("whatsapp-check").start(this::checkUntilUp);
    }

    @Override
    public void stop() {
        stopped = true;
        Thread c;
        synchronized (this) {
            c = checker;
        }
        if (c != null) {
            c.interrupt();
        }
        health.stopped();
    }

    @Override
    public List<Webhook> webhooks() {
        return List.of(new Webhook("GET", WEBHOOK_PATH, this::verify), new Webhook("POST", WEBHOOK_PATH, this::receive));
    }

    /** The last status Meta reported per sent message ({@code sent}, {@code delivered}, {@code read}, {@code failed}). */
    public synchronized Map<String, String> statuses() {
        return Map.copyOf(statuses);
    }

    @Override
    public ChannelHealth probe() {
        try {
            return new ChannelHealth(CHANNEL, "up", null, clock.instant(), graph.displayNumber());
        } catch (DeliveryException e) {
            return new ChannelHealth(CHANNEL, "down", e.getMessage(), clock.instant(), null);
        }
    }

    private void checkUntilUp() {
        Duration backoff = Duration.ofSeconds(2);
        while (!stopped) {
            try {
                health.identity(graph.displayNumber());
                health.up();
                return;
            } catch (DeliveryException e) {
                health.down(e.getMessage());
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5)
                    : backoff.multipliedBy(2);
        }
    }

    /** {@code GET}: Meta's subscription handshake. */
    private Webhook.Response verify(Webhook.Request request) {
        String token = request.query().get("hub.verify_token");
        if ("subscribe".equals(request.query().get("hub.mode")) && token != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), verifyToken.getBytes(StandardCharsets.UTF_8))) {
            String challenge = request.query().get("hub.challenge");
            return Webhook.Response.text(200, challenge == null ? "" : challenge);
        }
        return Webhook.Response.text(403, "verification failed");
    }

    /** {@code POST}: signature first, nothing is read before it checks out. */
    private Webhook.Response receive(Webhook.Request request) {
        if (!WebhookSignature.valid(request.body(), request.header("x-hub-signature-256"), appSecret)) {
            return new Webhook.Response(401, "text/plain", "");
        }
        ChannelInbox target = inbox;
        if (target == null) {
            return Webhook.Response.text(503, "channel not started");
        }
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (IOException e) {
            return Webhook.Response.text(400, "not JSON");
        }
        List<InboundMessage> messages = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
                }
                for (JsonNode m : value.path("messages")) {
                    messages.add(toMessage(m, names));
                }
                recordStatuses(value.path("statuses"));
            }
        }
        if (!messages.isEmpty()) {
            target.accept(CHANNEL, messages, null);
        }
        return Webhook.Response.ok();
    }

    private static InboundMessage toMessage(JsonNode m, Map<String, String> names) {
        String from = m.path("from").asText();
        String type = m.path("type").asText();
        String text = switch (type) {
            case "text" -> m.path("text").path("body").asText("");
            case "image", "video", "document" -> m.path(type).path("caption").asText("");
            case "button" -> m.path("button").path("text").asText("");
            case "interactive" -> m.path("interactive").path("button_reply").path("title").asText(
                    m.path("interactive").path("list_reply").path("title").asText(""));
            default -> "";
        };
        String media = switch (type) {
            case "text", "button", "interactive" -> null;
            case "image" -> "photo";
            default -> type;
        };
        return new InboundMessage(CHANNEL, m.path("id").asText(), from, ChatType.DIRECT, from, names.get(from), null,
                text, false, media, "image".equals(type) ? m.path("image").path("id").asText(null) : null);
    }

    private synchronized void recordStatuses(JsonNode list) {
        for (JsonNode s : list) {
            String status = s.path("status").asText();
            statuses.put(s.path("id").asText(), status);
            if ("failed".equals(status)) {
                JsonNode error = s.path("errors").path(0);
                String reason = "message to " + s.path("recipient_id").asText() + " failed: " + error.path("code").asInt()
                        + " " + error.path("title").asText();
                LOG.warn("channel whatsapp: {}", reason);
                health.note(reason);
            }
        }
    }

    private final ChatTransport transport = new ChatTransport() {
        @Override
        public void send(String chatId, String text, boolean formatted, InboundMessage replyTo)
                throws DeliveryException {
            graph.sendText(chatId, formatted ? MarkdownFormat.toWhatsApp(text) : text);
        }

        @Override
        public void typing(String chatId, InboundMessage about) {
            if (about == null) {
                return;
            }
            try {
                graph.markReadAndTyping(about.messageId());
            } catch (DeliveryException e) {
                LOG.debug("whatsapp read receipt failed: {}", e.getMessage());
            }
        }

        @Override
        public DownloadedImage downloadPhoto(InboundMessage m, long maxBytes)
                throws DeliveryException, MediaTooLargeException {
            return graph.downloadMedia(m.mediaRef(), maxBytes);
        }
    };
}
