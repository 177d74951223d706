package dev.clawgate.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.channel.ChannelPolicy;
import dev.clawgate.channel.DeliveryException;
import dev.clawgate.channel.ReplyDelivery;
import dev.clawgate.config.ChannelsConfig;
import dev.clawgate.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rate limits and failures on the Bot API, with a recording sleeper instead of real waits. */
@Timeout(30)
class TelegramDeliveryTest {

    private FakeTelegramBotApi telegram;
    private TelegramChannel channel;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ReplyDelivery delivery = new ReplyDelivery(waits::add);

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegramBotApi(TelegramGateway.TOKEN);
        ChannelsConfig.Telegram config = new ChannelsConfig.Telegram(ChannelsConfig.Access.UNSET, null, null,
                telegram.root(), null, null, null);
        channel = new TelegramChannel(config, TelegramGateway.TOKEN, null,
                new TelegramChannel.Options(1, waits::add, new MutableClock()));
    }

    @AfterEach
    void stop() {
        channel.stop();
        telegram.close();
    }

    @Test
    void retryAfterIsHonouredBeforeTheMessageIsSentAgain() throws Exception {
        telegram.failNextSends(FakeTelegramBotApi.error(429, "Too Many Requests: retry after 7", 7),
                FakeTelegramBotApi.error(429, "Too Many Requests: retry after 3", 3));
        delivery.deliver(channel.transport(), channel.policy(), "42", "hello", null);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
        assertThat(telegram.sent.drain()).extracting(FakeTelegramBotApi.Sent::text).containsExactly("hello");
        assertThat(telegram.requestsTo("sendMessage")).isEqualTo(3);
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndABlockedChatIsNot() throws Exception {
        telegram.failNextSends(FakeTelegramBotApi.error(502, "Bad Gateway", null));
        delivery.deliver(channel.transport(), channel.policy(), "42", "hello", null);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));

        telegram.failNextSends(FakeTelegramBotApi.error(403, "Forbidden: bot was blocked by the user", null));
        assertThatThrownBy(() -> delivery.deliver(channel.transport(), channel.policy(), "42", "again", null))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeliveryException.Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("403").contains("blocked by the user");
                });
        assertThat(ChannelPolicy.of(null).textChunkLimit()).isEqualTo(4000);
    }
}
