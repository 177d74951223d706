package dev.clawgate.channel;

import java.time.Instant;

/**
 * A channel's state for {@code /clawgate/status}, {@code doctor} and the metrics.
 *
 * @param state {@code starting}, {@code up}, {@code down} or {@code off}
 * @param reason why it is down (or what it last failed to deliver), null when fine
 * @param identity who the channel is on the network ({@code @my_bot}, a phone number id), or null
 */
public record ChannelHealth(String channel, String state, String reason, Instant since, String identity) {

    public boolean up() {
        return "up".equals(state);
    }
}
