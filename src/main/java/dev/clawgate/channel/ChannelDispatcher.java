package dev.clawgate.channel;

import dev.clawgate.agent.AgentRunException;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.TurnRequest;
import dev.clawgate.agent.TurnResult;
import dev.clawgate.agent.UnknownAgentException;
import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.wire.Part;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common inbox: stores what channels receive, then per message decides access (pairing, allowlists,
 * mention gating), picks the agent and session, runs the turn with a typing indicator, delivers the final
 * text and marks the message done. {@code /stop} is handled at once, beside the chat's queue, so that it can
 * abort the turn that queue is waiting on. After a restart, messages stored but not done run again; the turn
 * request carries the message's id, so the session stores the user's message once and a reply stored before
 * the restart is delivered rather than asked for again.
 */
public final class ChannelDispatcher implements ChannelInbox, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelDispatcher.class);
    private static final Duration TYPING_EVERY = Duration.ofSeconds(4);

    private final ChannelStore store;
    private final Map<String, Channel> channels;
    private final Supplier<AgentRuntime> agents;
    private final Supplier<AgentBindings> bindings;
    private final ReplyDelivery delivery;
    private final Predicate<String> aborter;
    private final Clock clock;
    private final ChatLanes lanes = new ChatLanes(this::process);
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();
    private final GroupHistory groupHistory = new GroupHistory();
    private volatile boolean closed;

    /**
     * @param aborter aborts the running turn of a session key; true when one was running
     */
    public ChannelDispatcher(ChannelStore store, Map<String, Channel> channels, Supplier<AgentRuntime> agents,
            Supplier<AgentBindings> bindings, ReplyDelivery delivery, Predicate<String> aborter, Clock clock) {
        this.store = store;
        this.channels = Map.copyOf(channels);
        this.agents = agents;
        this.bindings = bindings;
        this.delivery = delivery;
        this.aborter = aborter;
        this.clock = clock;
    }

    /** Queues the messages a previous run stored but did not answer. */
    public void resume() {
        List<InboundMessage> pending = store.pending();
        if (!pending.isEmpty()) {
            LOG.info("channels: resuming {} message(s) received before the restart", pending.size());
        }
        pending.stream().filter(m -> channels.containsKey(m.channel())).forEach(this::submit);
    }

    @Override
    public void accept(String channel, List<InboundMessage> messages, String cursor) {
        for (InboundMessage m : store.accept(channel, messages, cursor)) {
            submit(m);
        }
    }

    @Override
    public Optional<String> cursor(String channel) {
        return store.cursor(channel);
    }

    private void submit(InboundMessage m) {
        if (closed) {
            return;
        }
        if (isStop(m)) {
            Thread.ofVirtual().name("chat-stop-" + m.chatId()).start(() -> process(m));
        } else {
            lanes.submit(m);
        }
    }

    private boolean isStop(InboundMessage m) {
        Channel channel = channels.get(m.channel());
        return channel != null && channel.commandText(m.text().strip()).toLowerCase(Locale.ROOT).equals("/stop");
    }

    /** Handles one message; never throws, and marks it done unless the dispatcher closed meanwhile. */
    private void process(InboundMessage m) {
        Channel channel = channels.get(m.channel());
        try {
            handle(channel, m);
            if (!closed) {
                store.markDone(m.channel(), m.messageId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("channel {}: message {} failed: {}", m.channel(), m.messageId(), e.toString(), e);
            if (!closed) {
                store.markDone(m.channel(), m.messageId());
            }
        }
    }

    private void handle(Channel channel, InboundMessage m) throws InterruptedException {
        Set<String> approved = channel.policy().dmPolicy() == DmPolicy.PAIRING
                || channel.policy().dmPolicy() == DmPolicy.ALLOWLIST ? store.approvedSenders(m.channel()) : Set.of();
        switch (AccessPolicy.decide(channel.policy(), m, approved)) {
            case IGNORE -> LOG.info("channel {}: ignored a message from {} in {} chat {} (not allowed by the {} policy)",
                    m.channel(), m.senderId(), m.chatType().keyPart(), m.chatId(),
                    m.chatType() == ChatType.DIRECT ? "dmPolicy/allowFrom" : "groupPolicy/groups");
            case NOT_MENTIONED -> {
                LOG.debug("channel {}: group {} message without a mention", m.channel(), m.chatId());
                groupHistory.remember(m, channel.policy().historyLimit());
            }
            case PAIR -> pair(channel, m);
            case ANSWER -> answer(channel, m);
        }
    }

    private void pair(Channel channel, InboundMessage m) throws InterruptedException {
        ChannelStore.PairingOutcome outcome = store.requestPairing(m.channel(), m.senderId(), m.senderName(),
                clock.instant());
        if (outcome instanceof ChannelStore.PairingOutcome.Created created) {
            String code = created.request().code();
            LOG.info("channel {}: pairing requested by {} ({}); approve with: clawgate pairing approve {} {}",
                    m.channel(), m.senderId(), m.senderName(), m.channel(), code);
            reply(channel, m, "This assistant does not know you yet.\n\nYour " + m.channel() + " id: " + m.senderId()
                    + "\nPairing code: " + code + "\n\nAsk its owner to run:\nclawgate pairing approve " + m.channel()
                    + " " + code + "\n\n(The code is valid for one hour.)", false);
        } else if (outcome instanceof ChannelStore.PairingOutcome.Full) {
            LOG.warn("channel {}: pairing request from {} ignored: {} requests already pending "
                    + "(clawgate pairing list)", m.channel(), m.senderId(), ChannelStore.MAX_PENDING_PAIRINGS);
        }
    }

    private void answer(Channel channel, InboundMessage m) throws InterruptedException {
        AgentRuntime runtime = agents.get();
        String agentId = bindings.get().agentFor(m);
        String agent = agentId != null ? agentId : runtime.agents().defaultAgent().id();
        String key = SessionKeys.named(agent, m.channel() + ":" + m.chatType().keyPart() + ":" + m.peerId());
        String text = channel.commandText(m.text().strip());
        if (text.equalsIgnoreCase("/stop")) {
            boolean stopped = aborter.test(key);
            if (stopped) {
                aborted.add(key);
            }
            reply(channel, m, stopped ? "Stopped." : "Nothing is running.", false);
            return;
        }
        List<Part.Image> images = List.of();
        if (m.hasPhoto()) {
            Optional<Part.Image> photo = photo(channel, m, runtime, agent, key);
            if (photo.isEmpty()) {
                return;
            }
            images = List.of(photo.get());
        } else if (m.media() != null && text.isEmpty()) {
            reply(channel, m, "Sorry, " + m.media() + " messages are not supported yet; please send text.", false);
            return;
        }
        if (text.isEmpty() && images.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread typing = Thread.ofVirtual().name("typing-" + m.chatId()).start(() -> keepTyping(channel, m, done));
        TurnResult result;
        try {
            String context = (m.chatType() == ChatType.GROUP && !text.startsWith("/")
                    ? SenderContext.recentGroupMessages(groupHistory.take(m)) : "") + SenderContext.of(m);
            // the message id: a rerun after a restart reuses what the first run stored
            result = runtime.runTurn(new TurnRequest(agent, key, text, null, null, null, context, images,
                    m.channel() + ":" + m.messageId()));
        } catch (UnknownAgentException e) {
            LOG.error("channel {}: bindings name agent '{}', which the config does not have ({})", m.channel(), agent,
                    e.getMessage());
            return;
        } catch (AgentRunException | AllCandidatesFailedException | dev.clawgate.wire.UpstreamException e) {
            if (aborted.remove(key)) {
                return;
            }
            LOG.warn("channel {}: turn for {} failed: {}", m.channel(), key, e.getMessage());
            reply(channel, m, "⚠️ " + (e instanceof AgentRunException ? e.getMessage()
                    : "No model could answer right now; please try again shortly."), false);
            return;
        } finally {
            done.countDown();
            typing.interrupt();
        }
        if (aborted.remove(key) | result.aborted() || result.isSilent()) {
            return;
        }
        String reply = result.fallbackNotice() == null ? result.reply() : result.fallbackNotice() + "\n\n" + result.reply();
        reply(channel, m, reply, true);
    }

    /**
     * The message's photo as an image part for the session's model, or empty after telling the sender why not
     * (the model cannot see images, the photo is over {@code mediaMaxMb}, the download failed).
     */
    private Optional<Part.Image> photo(Channel channel, InboundMessage m, AgentRuntime runtime, String agent,
            String key) throws InterruptedException {
        ModelSpec model;
        try {
            model = runtime.modelFor(agent, key);
        } catch (AgentRunException | UnknownAgentException e) {
            reply(channel, m, "⚠️ " + e.getMessage(), false);
            return Optional.empty();
        }
        if (!model.acceptsImages()) {
            reply(channel, m, "Sorry, this model (" + model.ref() + ") cannot see images; please describe it in "
                    + "text.", false);
            return Optional.empty();
        }
        double maxMb = channel.policy().mediaMaxMb();
        try {
            ChatTransport.DownloadedImage image = channel.transport().downloadPhoto(m, (long) (maxMb * 1024 * 1024));
            return Optional.of(new Part.Image(image.mediaType(), Base64.getEncoder().encodeToString(image.bytes()),
                    null));
        } catch (ChatTransport.MediaTooLargeException e) {
            LOG.info("channel {}: photo {} refused: {}", m.channel(), m.messageId(), e.getMessage());
            reply(channel, m, "Sorry, that photo is too big (the limit is " + formatMb(maxMb) + " MB).", false);
        } catch (DeliveryException e) {
            LOG.warn("channel {}: could not download photo {}: {}", m.channel(), m.messageId(), e.getMessage());
            reply(channel, m, "Sorry, I could not download that photo; please send it again.", false);
        }
        return Optional.empty();
    }

    private static String formatMb(double mb) {
        return mb == Math.rint(mb) ? String.valueOf((long) mb) : String.valueOf(mb);
    }

    private void reply(Channel channel, InboundMessage m, String text, boolean formatted) throws InterruptedException {
        if (closed) {
            return;
        }
        try {
            if (formatted) {
                delivery.deliver(channel.transport(), channel.policy(), m.chatId(), text, m);
            } else {
                channel.transport().send(m.chatId(), text, false, m);
            }
        } catch (DeliveryException e) {
            LOG.warn("channel {}: could not deliver to {}: {}", m.channel(), m.chatId(), e.getMessage());
            if (channel instanceof NotesDeliveryFailures notes) {
                notes.deliveryFailed(e);
            }
        }
    }

    private void keepTyping(Channel channel, InboundMessage m, CountDownLatch done) {
        try {
            do {
                channel.transport().typing(m.chatId(), m);
            } while (!done.await(TYPING_EVERY.toMillis(), TimeUnit.MILLISECONDS) && !closed);
        } catch (InterruptedException e) {
            // the turn ended
        }
    }

    /** Implemented by channels that record undeliverable replies in their health. */
    public interface NotesDeliveryFailures {
        void deliveryFailed(DeliveryException e);
    }

    /** Stops taking messages; turns still running finish but deliver nothing and stay pending for a restart. */
    @Override
    public void close() {
        closed = true;
    }
}
