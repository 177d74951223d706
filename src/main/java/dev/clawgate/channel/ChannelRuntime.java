package dev.clawgate.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running channels: their store, the dispatcher, and each channel's lifecycle. A channel that fails to
 * start is reported in its health; the others and the gateway keep running.
 */
public final class ChannelRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRuntime.class);

    private final ChannelStore store;
    private final Map<String, Channel> channels;
    private final AtomicReference<AgentBindings> bindings;
    private final ChannelDispatcher dispatcher;

    public ChannelRuntime(ChannelStore store, List<Channel> channels, AgentBindings bindings,
            DispatcherFactory dispatcher) {
        this.store = store;
        Map<String, Channel> byId = new LinkedHashMap<>();
        channels.forEach(c -> byId.put(c.id(), c));
        this.channels = Map.copyOf(byId);
        this.bindings = new AtomicReference<>(bindings);
        this.dispatcher = dispatcher.create(store, this.channels, this.bindings::get);
    }

    /** Builds the dispatcher once the channels are known; {@code bindings} reads the current bindings. */
    @FunctionalInterface
    public interface DispatcherFactory {
        ChannelDispatcher create(ChannelStore store, Map<String, Channel> channels, Supplier<AgentBindings> bindings);
    }

    /** Routes the next messages by {@code next} (a config reload). */
    public void bindings(AgentBindings next) {
        bindings.set(next);
    }

    /** The running channel {@code id}, if it runs. */
    public Optional<Channel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    /** Resumes messages left from the last run, then starts every channel. */
    public ChannelRuntime start() {
        dispatcher.resume();
        for (Channel c : channels.values()) {
            try {
                c.start(dispatcher);
            } catch (RuntimeException e) {
                LOG.error("channel {} failed to start: {}", c.id(), e.toString(), e);
            }
        }
        return this;
    }

    public List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    public List<Webhook> webhooks() {
        return channels.values().stream().flatMap(c -> c.webhooks().stream()).toList();
    }

    public List<ChannelHealth> health() {
        return channels.values().stream().map(Channel::health).toList();
    }

    public ChannelStore store() {
        return store;
    }

    @Override
    public void close() {
        dispatcher.close();
        for (Channel c : channels.values()) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.warn("channel {} did not stop cleanly: {}", c.id(), e.toString());
            }
        }
        store.close();
    }
}
