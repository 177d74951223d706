package dev.clawgate.channel.telegram;

import dev.clawgate.agent.ScriptedModelServer;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Telegram tests' fixture: the gateway as users run it, a loopback Bot API and a scripted model server
 * speaking each upstream API, in one temporary home. Every wait is bounded and tied to an observable event (a
 * sent message, a poll, a published health).
 */
final class TelegramGateway implements AutoCloseable {

    static final String TOKEN = "123456:TEST-token";
    static final Duration WAIT = Duration.ofSeconds(20);

    final Path home;
    final MutableClock clock = new MutableClock();
    FakeTelegramBotApi telegram;
    ScriptedModelServer model;
    GatewayRuntime gateway;
    /** The catalog model's {@code input}: text only unless a test gives it eyes. */
    String modelInput = "[\"text\"]";
    /** {@code agents.list} entries beside the defaults (JSON5, with a trailing comma), or empty for none. */
    String agentsList = "";
    /** What the model answers to the last user message's text. */
    volatile Function<String, ScriptedModelServer.Reply> brain = text -> ScriptedModelServer.Reply.text("ok");

    TelegramGateway(Path home) {
        this.home = home;
    }

    /** {@code channels.telegram} with the test token, the fake's root and user 42 allowed, plus {@code extra} keys. */
    static String basic(String extra) {
        return "{ botToken: \"" + TOKEN + "\", apiRoot: \"$ROOT\", allowFrom: [\"42\"]" + extra + " }";
    }

    void start(String telegramSection) throws Exception {
        start("openai-completions", telegramSection);
    }

    void start(String api, String telegramSection) throws Exception {
        start(api, "", telegramSection);
    }

    /**
     * Writes the config and starts the gateway (the fake and the model server on first use).
     *
     * @param topLevel config keys beside {@code channels}, e.g. a {@code gateway} section
     * @param telegramSection {@code channels.telegram}; {@code $ROOT} stands for the fake's API root
     */
    void start(String api, String topLevel, String telegramSection) throws Exception {
        if (telegram == null) {
            telegram = new FakeTelegramBotApi(TOKEN);
        }
        if (model == null) {
            model = new ScriptedModelServer(1_000_000, r -> brain.apply(lastUserText(r)));
        }
        writeConfig(api, topLevel, telegramSection);
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        gateway = GatewayRuntime.start(env, configFile(), new GatewayRuntime.Overrides(0, null), clock);
    }

    /** (Re)writes the config file the gateway watches; {@link GatewayRuntime#reloadNow()} applies it. */
    void writeConfig(String api, String topLevel, String telegramSection) throws Exception {
        String base = api.startsWith("openai") ? model.baseUrl() : model.root();
        Files.writeString(configFile(), """
                {
                  %s
                  agents: { %s defaults: { model: "local/m", workspace: "%s" } },
                  models: { mode: "replace", providers: { local: { baseUrl: "%s", api: "%s", apiKey: "x",
                    models: [{ id: "m", reasoning: true, input: %s, contextWindow: 65536, maxTokens: 1024 }] } } },
                  channels: { telegram: %s },
                }
                """.formatted(topLevel, agentsList, home.resolve("ws"), base, api, modelInput,
                telegramSection.replace("$ROOT", telegram.root())));
    }

    Path configFile() {
        return home.resolve("clawgate.json5");
    }

    /** Stops the gateway as a restart would; the fake and the model server keep running. */
    void stopGateway() {
        gateway.close();
        gateway = null;
    }

    /** The gateway's session store, opened beside it on the same state database (close it after use). */
    JdbcSessionStore openSessions() {
        return JdbcSessionStore.openOwning(new SqliteDatabases(home.resolve("state")));
    }

    /** A model that is busy: says it started, then waits (bounded) for the test to release it. */
    static void holdUntil(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Message lastMessage(ChatRequest r) {
        return r.messages().get(r.messages().size() - 1);
    }

    static String lastUserText(ChatRequest r) {
        return lastMessage(r).text();
    }

    /** Waits (bounded, spinning on the channel's published state) until the Telegram channel's health matches. */
    ChannelHealth awaitHealth(Predicate<ChannelHealth> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ChannelHealth h = gateway.channels().health().get(0);
            if (wanted.test(h)) {
                return h;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("channel health never matched: " + gateway.channels().health());
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
