package dev.clawgate.channel.telegram;

import static dev.clawgate.channel.telegram.TelegramGateway.WAIT;
import static dev.clawgate.channel.telegram.TelegramGateway.basic;
import static dev.clawgate.channel.telegram.TelegramGateway.holdUntil;
import static dev.clawgate.channel.telegram.TelegramGateway.lastUserText;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.clawgate.agent.ScriptedModelServer;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Telegram channel across restarts and failures: nothing lost or repeated, a dead channel or a second
 * poller reported while the API keeps working.
 */
class TelegramRestartTest extends TelegramGatewayTestBase {

    @Test
    void aRestartMidConversationNeitherLosesNorRepeatsAMessage() throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        tg.brain = text -> {
            if (text.endsWith("second")) {
                holdUntil(secondStarted, release);
            }
            return ScriptedModelServer.Reply.text("answer to " + text.substring(text.lastIndexOf('\n') + 1));
        };
        tg.start(basic(""));
        tg.telegram.dm(42, "Ada", "first");
        assertThat(tg.telegram.sent.next(WAIT).text()).isEqualTo("answer to first");
        int second = tg.telegram.dm(42, "Ada", "second");
        assertThat(secondStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // stored and confirmed to Telegram (offset past it) before the turn ran
        assertThat(tg.telegram.awaitPollFrom(second + 1, WAIT)).isTrue();

        tg.stopGateway();
        release.countDown();
        tg.start(basic(""));

        assertThat(tg.telegram.sent.next(WAIT).text()).isEqualTo("answer to second");
        int third = tg.telegram.dm(42, "Ada", "third");
        assertThat(tg.telegram.sent.next(WAIT).text()).isEqualTo("answer to third");
        assertThat(tg.telegram.sent.drain()).isEmpty();
        assertThat(tg.telegram.confirmedOffset()).isLessThanOrEqualTo(third + 1);
        long firstAnswered = tg.model.answered().stream().filter(r -> lastUserText(r).endsWith("first")).count();
        assertThat(firstAnswered).isEqualTo(1);
        // the rerun continued on the user entry stored before the restart: each message is in the session once,
        // and the model saw "second" once in the rerun's prompt
        try (JdbcSessionStore sessions = tg.openSessions()) {
            List<String> users = sessions.transcript("agent:main:telegram:dm:42").stream()
                    .filter(e -> e.message().role() == Message.Role.USER)
                    .map(e -> e.message().text().substring(e.message().text().lastIndexOf('\n') + 1)).toList();
            assertThat(users).containsExactly("first", "second", "third");
        }
        ChatRequest rerun = tg.model.answered().stream().filter(r -> lastUserText(r).endsWith("second")).toList()
                .getLast();
        assertThat(rerun.messages().stream().filter(m -> m.role() == Message.Role.USER && m.text().endsWith("second")))
                .hasSize(1);
    }

    @Test
    void aDeadChannelIsReportedAndTheApiKeepsWorking() throws Exception {
        tg.brain = text -> ScriptedModelServer.Reply.text("API answer");
        tg.telegram = new FakeTelegramBotApi("999:OTHER");
        tg.start("{ botToken: \"123:REVOKED\", apiRoot: \"$ROOT\" }");
        ChannelHealth health = tg.awaitHealth(h -> "down".equals(h.state()));
        assertThat(health.reason()).contains("bot token was rejected").contains("401").doesNotContain("REVOKED");

        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + tg.gateway.port() + "/v1")
                .apiKey("unused").maxRetries(0).build();
        var completion = client.chat().completions().create(ChatCompletionCreateParams.builder().model("local/m")
                .addUserMessage("still there?").build());
        assertThat(completion.choices().get(0).message().content()).contains("API answer");

        HttpClient http = HttpClient.newHttpClient();
        String status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tg.gateway.port()
                + "/clawgate/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("\"channel\":\"telegram\"").contains("\"state\":\"down\"");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tg.gateway.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("clawgate_channel_up{channel=\"telegram\"} 0.0");
    }

    @Test
    void anotherPollerOnTheSameTokenIsReportedAsAConflict() throws Exception {
        tg.telegram = new FakeTelegramBotApi(TelegramGateway.TOKEN);
        tg.telegram.conflict(true);
        tg.start(basic(""));
        ChannelHealth health = tg.awaitHealth(h -> "down".equals(h.state()));
        assertThat(health.reason()).contains("409 Conflict").contains("another process is polling");
    }
}
