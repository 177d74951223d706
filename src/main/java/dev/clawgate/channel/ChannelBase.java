package dev.clawgate.channel;

import java.time.Clock;

/** What every channel keeps: its id, its access policy and its health, with undeliverable replies noted there. */
public abstract class ChannelBase implements Channel, ChannelDispatcher.NotesDeliveryFailures {

    private final String id;
    private volatile ChannelPolicy policy; // replaced by a config reload, read per message
    protected final HealthState health;

    protected ChannelBase(String id, ChannelPolicy policy, Clock clock) {
        this.id = id;
        this.policy = policy;
        this.health = new HealthState(id, clock);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final ChannelPolicy policy() {
        return policy;
    }

    @Override
    public final void policy(ChannelPolicy next) {
        this.policy = java.util.Objects.requireNonNull(next);
    }

    @Override
    public final ChannelHealth health() {
        return health.get();
    }

    @Override
    public void deliveryFailed(DeliveryException e) {
        health.note("last reply undeliverable: " + e.getMessage());
    }
}
