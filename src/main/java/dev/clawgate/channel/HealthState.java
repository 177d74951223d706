package dev.clawgate.channel;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A channel's current {@link ChannelHealth}, updated by the channel as it connects and fails. */
public final class HealthState {

    private static final Logger LOG = LoggerFactory.getLogger(HealthState.class);

    private final String channel;
    private final Clock clock;
    private final AtomicReference<ChannelHealth> current;
    private volatile String identity;

    public HealthState(String channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
        this.current = new AtomicReference<>(new ChannelHealth(channel, "starting", null, clock.instant(), null));
    }

    public ChannelHealth get() {
        return current.get();
    }

    public void identity(String who) {
        this.identity = who;
        ChannelHealth h = current.get();
        current.set(new ChannelHealth(channel, h.state(), h.reason(), h.since(), who));
    }

    public void up() {
        ChannelHealth before = current.get();
        if (!before.up()) {
            LOG.info("channel {} is up{}", channel, identity == null ? "" : " as " + identity);
            current.set(new ChannelHealth(channel, "up", null, clock.instant(), identity));
        }
    }

    /** Marks the channel down; logs once per distinct reason. */
    public void down(String reason) {
        ChannelHealth before = current.get();
        if (!"down".equals(before.state()) || !reason.equals(before.reason())) {
            LOG.warn("channel {} is down: {}", channel, reason);
            current.set(new ChannelHealth(channel, "down", reason, clock.instant(), identity));
        }
    }

    /** A problem that does not take the channel down (one undeliverable reply): kept as the reason. */
    public void note(String problem) {
        ChannelHealth h = current.get();
        current.set(new ChannelHealth(channel, h.state(), problem, h.since(), identity));
    }

    public void stopped() {
        current.set(new ChannelHealth(channel, "off", null, clock.instant(), identity));
    }
}
