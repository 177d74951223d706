package dev.clawgate.gateway;

import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.channel.AgentBindings;
import dev.clawgate.channel.Channel;
import dev.clawgate.channel.ChannelDispatcher;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.channel.ChannelRuntime;
import dev.clawgate.channel.ChannelStore;
import dev.clawgate.channel.PairingRequest;
import dev.clawgate.channel.ReplyDelivery;
import dev.clawgate.channel.JdbcChannelStore;
import dev.clawgate.channel.telegram.TelegramChannel;
import dev.clawgate.channel.whatsapp.WhatsAppChannel;
import dev.clawgate.config.ChannelsConfig;
import dev.clawgate.config.Environment;
import dev.clawgate.config.SecretRef;
import dev.clawgate.config.SecretResolver;
import dev.clawgate.console.PairingAdmin;
import dev.clawgate.routing.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the configured chat channels (one registration per channel) over the channel store beside the
 * session database. A channel whose credentials are missing is not started; the reason is logged once.
 */
public final class ChannelWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelWiring.class);

    private ChannelWiring() {}

    /** The channel runtime, or null when no channel is enabled. */
    static ChannelRuntime build(ChannelsConfig config, Environment env, dev.clawgate.state.SqlDatabases databases,
            Supplier<AgentRuntime> agents,
            Predicate<String> aborter, Sleeper sleeper, Clock clock) {
        List<String> problems = new ArrayList<>();
        List<Channel> channels = channels(config, env, sleeper, clock, problems);
        problems.forEach(LOG::error);
        if (channels.isEmpty()) {
            return null;
        }
        return new ChannelRuntime(JdbcChannelStore.open(databases), channels, new AgentBindings(config.bindings()),
                (store, byId, bindings) -> new ChannelDispatcher(store, byId, agents, bindings,
                        new ReplyDelivery(sleeper), aborter, clock));
    }

    /** The running channels' pairing requests for the Control UI, over the gateway's own channel store. */
    static PairingAdmin pairingAdmin(ChannelRuntime runtime) {
        List<String> ids = runtime.channels().stream().map(Channel::id).toList();
        ChannelStore store = runtime.store();
        return new PairingAdmin() {
            @Override
            public List<String> channels() {
                return ids;
            }

            @Override
            public List<Pending> pending(Instant now) {
                return store.pairingRequests(null, now).stream().filter(r -> ids.contains(r.channel()))
                        .map(ChannelWiring::pending).toList();
            }

            @Override
            public Optional<Pending> approve(String channel, String code, Instant now) {
                return store.approve(channel, code, now).map(ChannelWiring::pending);
            }

            @Override
            public Optional<Pending> deny(String channel, String code, Instant now) {
                return store.deny(channel, code, now).map(ChannelWiring::pending);
            }
        };
    }

    private static PairingAdmin.Pending pending(PairingRequest r) {
        return new PairingAdmin.Pending(r.channel(), r.code(), r.senderId(), r.senderName(), r.createdAt(),
                r.expiresAt());
    }

    /**
     * The enabled channels, not started; a channel whose credentials do not resolve is left out and the
     * reason (naming the config keys to set) added to {@code problems}.
     */
    public static List<Channel> channels(ChannelsConfig config, Environment env, Sleeper sleeper, Clock clock,
            List<String> problems) {
        List<Channel> channels = new ArrayList<>();
        telegram(config.telegram(), env, sleeper, clock, channels, problems);
        whatsapp(config.whatsapp(), env, sleeper, clock, channels, problems);
        return channels;
    }

    private static void telegram(ChannelsConfig.Telegram t, Environment env, Sleeper sleeper, Clock clock,
            List<Channel> out, List<String> problems) {
        if (t == null || Boolean.FALSE.equals(t.access().enabled())) {
            return;
        }
        String token = secret(t.botToken(), env);
        if (token == null && t.tokenFile() != null) {
            try {
                token = Files.readString(Path.of(t.tokenFile())).strip();
            } catch (IOException e) {
                problems.add("channels.telegram.tokenFile " + t.tokenFile() + " cannot be read ("
                        + e.getMessage() + "); Telegram stays off");
                return;
            }
        }
        if (token == null) {
            token = env.get("TELEGRAM_BOT_TOKEN").orElse(null);
        }
        if (token == null || token.isBlank()) {
            problems.add("channels.telegram has no bot token: set botToken, tokenFile or TELEGRAM_BOT_TOKEN "
                    + "(BotFather's /newbot gives one); Telegram stays off");
            return;
        }
        out.add(new TelegramChannel(t, token, secret(t.webhookSecret(), env),
                new TelegramChannel.Options(25, sleeper, clock)));
    }

    private static void whatsapp(ChannelsConfig.WhatsApp w, Environment env, Sleeper sleeper, Clock clock,
            List<Channel> out, List<String> problems) {
        if (w == null || w.cloudApi() == null || Boolean.FALSE.equals(w.access().enabled())) {
            return;
        }
        ChannelsConfig.CloudApi api = w.cloudApi();
        String accessToken = secret(api.accessToken(), env);
        String appSecret = secret(api.appSecret(), env);
        String verifyToken = secret(api.verifyToken(), env);
        if (accessToken == null || appSecret == null || verifyToken == null) {
            problems.add("channels.whatsapp.cloudApi: accessToken, appSecret and verifyToken must all resolve "
                    + "(one of them names an unset variable or unreadable file); WhatsApp stays off");
            return;
        }
        out.add(new WhatsAppChannel(w, accessToken, appSecret, verifyToken, sleeper, clock));
    }

    private static String secret(SecretRef ref, Environment env) {
        return ref == null ? null : SecretResolver.resolve(ref, env).orElse(null);
    }

    /** {@code clawgate.channel.up}, one per channel. */
    static void registerGauges(ChannelRuntime runtime, io.micrometer.core.instrument.MeterRegistry registry) {
        for (Channel c : runtime.channels()) {
            io.micrometer.core.instrument.Gauge.builder("clawgate.channel.up", () -> up(c.health()))
                    .tag("channel", c.id()).description("1 while the chat channel is connected, 0 while it is down or off")
                    .register(registry);
        }
    }

    /** 1 when up, 0 otherwise: the {@code clawgate_channel_up} gauge. */
    private static double up(ChannelHealth h) {
        return h.up() ? 1 : 0;
    }
}
