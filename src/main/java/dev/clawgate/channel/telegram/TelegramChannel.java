package dev.clawgate.channel.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetMeResponse;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import com.pengrad.telegrambot.utility.BotUtils;
import dev.clawgate.channel.ChannelBase;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.channel.ChannelInbox;
import dev.clawgate.channel.ChannelPolicy;
import dev.clawgate.channel.ChatTransport;
import dev.clawgate.channel.InboundMessage;
import dev.clawgate.channel.Webhook;
import dev.clawgate.config.ChannelsConfig;
import dev.clawgate.routing.Sleeper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Telegram through the Bot API: long polling by default (no public URL needed), webhook mode when
 * {@code webhookUrl} is set. The update offset moves on only after the inbox has stored the updates, so a
 * restart resumes exactly where the last run stopped. Failures (bad token, another poller, network) mark the
 * channel down with the reason and are retried with backoff; they never reach the rest of the gateway.
 */
public final class TelegramChannel extends ChannelBase {

    public static final String DEFAULT_API_ROOT = "https://api.telegram.org";
    public static final String DEFAULT_WEBHOOK_PATH = "/channels/telegram/webhook";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** How the channel runs: long-poll timeout, how it waits, its clock. */
    public record Options(int pollTimeoutSeconds, Sleeper sleeper, Clock clock) {
        public static final Options DEFAULT = new Options(25, Sleeper.REAL, Clock.systemUTC());
    }

    private final ChannelsConfig.Telegram config;
    private final OkHttpClient http;
    private final TelegramBot bot;
    private final TelegramTransport transport;
    private final Options options;
    private final String webhookSecret;
    private volatile boolean stopped;
    private volatile User me;
    private volatile ChannelInbox inbox;
    private Thread worker;

    /**
     * @param token the bot token, already resolved
     * @param webhookSecret the resolved {@code webhookSecret}, or null in polling mode
     */
    public TelegramChannel(ChannelsConfig.Telegram config, String token, String webhookSecret, Options options) {
        super(TelegramUpdates.CHANNEL, ChannelPolicy.of(config.access()), options.clock());
        this.config = config;
        this.options = options;
        this.webhookSecret = webhookSecret;
        this.http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(options.pollTimeoutSeconds() + 15L, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS)
                .build();
        String root = config.apiRoot() == null ? DEFAULT_API_ROOT : config.apiRoot().replaceAll("/+$", "");
        this.bot = new TelegramBot.Builder(token).okHttpClient(http).apiUrl(root + "/bot")
                .fileApiUrl(root + "/file/bot").build();
        this.transport = new TelegramTransport(bot, http);
    }

    @Override
    public ChatTransport transport() {
        return transport;
    }

    @Override
    public synchronized void start(ChannelInbox target) {
        this.inbox = target;
        worker = Thread.ofVirtual().name("telegram-" + (webhookMode() ? "webhook" : "poller")).start(this::run);
    }

    @Override
    public void stop() {
        stopped = true;
        http.dispatcher().cancelAll();
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w != null) {
            w.interrupt();
            try {
                w.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        health.stopped();
    }

    @Override
    public List<Webhook> webhooks() {
        if (!webhookMode()) {
            return List.of();
        }
        String path = config.webhookPath() != null ? config.webhookPath() : DEFAULT_WEBHOOK_PATH;
        return List.of(new Webhook("POST", path, this::onWebhook));
    }

    /** {@code /stop@my_bot} is {@code /stop}: Telegram appends the bot's name to commands in groups. */
    @Override
    public String commandText(String text) {
        User bot = me;
        if (bot != null && bot.username() != null && text.startsWith("/")) {
            String suffix = "@" + bot.username().toLowerCase(Locale.ROOT);
            int end = text.indexOf(' ');
            String command = end < 0 ? text : text.substring(0, end);
            if (command.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                return command.substring(0, command.length() - suffix.length()) + (end < 0 ? "" : text.substring(end));
            }
        }
        return text;
    }

    @Override
    public ChannelHealth probe() {
        try {
            User self = call(() -> bot.execute(new GetMe()), "getMe").user();
            return new ChannelHealth(id(), "up", null, options.clock().instant(),
                    self.username() == null ? String.valueOf(self.id()) : "@" + self.username());
        } catch (ChannelDown e) {
            return new ChannelHealth(id(), "down", e.getMessage(), options.clock().instant(), null);
        }
    }

    private boolean webhookMode() {
        return config.webhookUrl() != null;
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (!stopped) {
            try {
                if (me == null) {
                    connect();
                }
                if (webhookMode()) {
                    return;
                }
                pollOnce();
                backoff = Duration.ofSeconds(1);
            } catch (ChannelDown e) {
                if (stopped) {
                    return;
                }
                health.down(e.getMessage());
                try {
                    options.sleeper().sleep(e.retryAfter != null ? e.retryAfter : backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    private void connect() throws ChannelDown {
        GetMeResponse response = call(() -> bot.execute(new GetMe()), "getMe");
        me = response.user();
        health.identity(me.username() == null ? String.valueOf(me.id()) : "@" + me.username());
        if (webhookMode()) {
            SetWebhook set = new SetWebhook().url(config.webhookUrl()).allowedUpdates("message");
            if (webhookSecret != null) {
                set.secretToken(webhookSecret);
            }
            call(() -> bot.execute(set), "setWebhook");
        }
        health.up();
    }

    private void pollOnce() throws ChannelDown {
        int offset = inbox.cursor(id()).map(Integer::parseInt).orElse(0);
        GetUpdatesResponse response = call(() -> bot.execute(new GetUpdates().offset(offset)
                .timeout(options.pollTimeoutSeconds()).allowedUpdates("message")), "getUpdates");
        health.up();
        List<Update> updates = response.updates();
        if (updates == null || updates.isEmpty() || stopped) {
            return;
        }
        List<InboundMessage> messages = new ArrayList<>();
        int next = offset;
        for (Update u : updates) {
            next = Math.max(next, u.updateId() + 1);
            InboundMessage m = TelegramUpdates.toMessage(u, me);
            if (m != null) {
                messages.add(m);
            }
        }
        // durable first: the next getUpdates with this offset confirms them to Telegram
        inbox.accept(id(), messages, Integer.toString(next));
    }

    private Webhook.Response onWebhook(Webhook.Request request) {
        String given = request.header("x-telegram-bot-api-secret-token");
        if (webhookSecret == null || given == null || !MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), webhookSecret.getBytes(StandardCharsets.UTF_8))) {
            return Webhook.Response.text(401, "invalid secret token");
        }
        ChannelInbox target = inbox;
        if (target == null) {
            return Webhook.Response.text(503, "channel not started");
        }
        Update update;
        try {
            update = BotUtils.parseUpdate(new String(request.body(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Webhook.Response.text(400, "not a Telegram update");
        }
        InboundMessage m = update == null ? null : TelegramUpdates.toMessage(update, me);
        if (m != null) {
            target.accept(id(), List.of(m), null);
        }
        health.up();
        return Webhook.Response.ok();
    }

    private interface Call<R extends BaseResponse> {
        R run();
    }

    private <R extends BaseResponse> R call(Call<R> call, String method) throws ChannelDown {
        R response;
        try {
            response = call.run();
        } catch (RuntimeException e) {
            throw new ChannelDown("cannot reach the Telegram Bot API (" + apiRootText() + "): "
                    + TelegramTransport.rootMessage(e), null);
        }
        if (response == null) {
            throw new ChannelDown(method + ": empty response from " + apiRootText(), null);
        }
        if (response.isOk()) {
            return response;
        }
        int code = response.errorCode();
        String description = response.description();
        switch (code) {
            case 401, 404 -> {
                me = null;
                throw new ChannelDown("the bot token was rejected (" + code + " " + description + "): check "
                        + "channels.telegram.botToken, tokenFile or TELEGRAM_BOT_TOKEN (BotFather's /token)", null);
            }
            case 409 -> throw new ChannelDown("409 Conflict: " + description + " (another process is polling this "
                    + "bot token, or a webhook is set; stop the other poller or remove the webhook)", null);
            case 429 -> {
                Integer after = response.parameters() == null ? null : response.parameters().retryAfter();
                throw new ChannelDown(method + " rate limited (429)", Duration.ofSeconds(after == null ? 1 : after));
            }
            default -> throw new ChannelDown(method + " failed: " + code + " " + description, null);
        }
    }

    private String apiRootText() {
        return config.apiRoot() == null ? DEFAULT_API_ROOT : config.apiRoot();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final class ChannelDown extends Exception {
        final Duration retryAfter;

        ChannelDown(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }
}
