package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionLocks;
import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.SessionTakenOverException;
import dev.clawgate.agent.tools.Tool;
import dev.clawgate.agent.tools.ToolLoopLimits;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.FallbackNotices;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.state.TurnLocks;
import dev.clawgate.usage.TokenEstimator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs agents: one message in, one reply out, with the session's history, tools, context budget and
 * compaction in between. One run at a time per session (a second message waits behind the first, in
 * arrival order); different sessions run in parallel. Chat commands ({@link ChatCommand}) are answered
 * here without a model call, except {@code /compact}.
 *
 * <p>Delivered text never carries reasoning, {@code <think>} content or {@code NO_REPLY}. Failures come
 * out as exceptions: {@link AgentRunException} (message fit for the user; {@link ContextOverflowException}
 * with the numbers), {@link UnknownAgentException}, and the router's
 * {@link dev.clawgate.routing.AllCandidatesFailedException} / {@link dev.clawgate.wire.UpstreamException}.
 * The user's message is stored before the model is called; of a failed turn nothing else is stored but
 * the compactions it completed. {@link #abort(String)} stops the turn running on a session; it is stored as
 * aborted and its {@link TurnResult#aborted()} is true.
 *
 * <p>Across instances a turn also holds the session's {@link TurnLocks} lease and writes through the store
 * {@link SessionStore#fencedBy fenced} by the lease's fence, claiming the session first: if its lease lapsed and
 * another instance took the session over, its writes are refused whole and the turn fails with an
 * {@link AgentRunException} that says so, instead of interleaving with the new holder's turn.
 *
 * <p>Owns neither the store nor the router: whoever built them closes them.
 */
public final class AgentRuntime {

    /** How long a message waits for the session's previous run before giving up. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(11);

    private final AgentServices services;
    private final SessionLocks locks = new SessionLocks();
    private final ConcurrentHashMap<String, TurnAbort> running = new ConcurrentHashMap<>();
    private final Duration lockTimeout;
    private final TurnLocks turnLocks;

    private AgentRuntime(Builder b) {
        Clock clock = b.clock;
        ContextLimits limits = new ContextLimits(b.tokens);
        this.services = new AgentServices(b.agents, b.router, b.store, limits, new FallbackNotices(), b.prompts,
                new Compactor(b.router, b.store, limits, clock), List.copyOf(b.tools), b.loopLimits, clock,
                new SessionWorkingSet(b.store, b.tokens));
        this.lockTimeout = b.lockTimeout;
        // without shared locks this process's own session lock serialises turns; fences still come from the store
        this.turnLocks = b.turnLocks != null ? b.turnLocks
                : (sessionKey, timeout, storedFence) -> TurnLocks.Lease.localAbove(storedFence);
    }

    /**
     * @param agents the current agents (a supplier so that a config reload applies to the next message)
     * @param router how model calls reach upstreams
     * @param store sessions, transcripts and the usage ledger
     */
    public static Builder builder(Supplier<AgentDirectory> agents, ModelRouter router, SessionStore store) {
        return new Builder(agents, router, store);
    }

    public AgentDirectory agents() {
        return services.agents().get();
    }

    public SessionStore store() {
        return services.store();
    }

    /**
     * Runs one message: a chat command, or a turn with the agent's model and tools.
     *
     * @throws UnknownAgentException for an agent the config does not have
     * @throws AgentRunException when the turn cannot complete (context overflow; {@link SessionBusyException}: the
     *     session stayed busy or was taken over by another instance)
     */
    public TurnResult runTurn(TurnRequest request) {
        AgentDirectory directory = services.agents().get();
        AgentSpec agent = directory.get(agentIdOf(request));
        String key = request.sessionKey() != null && !request.sessionKey().isBlank() ? request.sessionKey().trim()
                : SessionKeys.main(agent.id());
        TurnAbort abort = request.abort();
        abort.bind(Thread.currentThread());
        try (SessionLocks.Lease lease = locks.acquire(key, lockTimeout);
                TurnLocks.Lease shared = turnLocks.acquire(key, lockTimeout, () -> services.store().storedFence(key))) {
            running.put(key, abort);
            try {
                return runLocked(request, directory, agent, key, shared.fence());
            } catch (SessionTakenOverException e) { // nothing of the refused write was stored
                throw new SessionBusyException(e.getMessage(), e);
            } finally {
                running.remove(key, abort);
            }
        } catch (InterruptedException e) {
            if (abort.isAborted()) { // aborted while queued behind another run: it never started, nothing stored
                return TurnResult.abortedUnstarted(key, false);
            }
            Thread.currentThread().interrupt();
            throw new AgentRunException("Interrupted while waiting for session " + key, e);
        } catch (TimeoutException e) {
            throw new SessionBusyException("Session " + key + " is busy with another message; try again shortly.", e);
        } finally {
            abort.unbind();
        }
    }

    /**
     * The model a message to this agent and session would go to first: the session's {@code /model} pick, else
     * the agent's primary (a chat channel checks it accepts images before downloading a photo).
     *
     * @throws UnknownAgentException for an agent the config does not have
     * @throws AgentRunException when the agent has no usable model
     */
    public ModelSpec modelFor(String agentId, String sessionKey) {
        AgentDirectory directory = services.agents().get();
        AgentSpec agent = directory.get(agentId);
        String override = sessionKey == null ? null
                : services.store().findSession(sessionKey.trim()).map(s -> s.modelOverride()).orElse(null);
        return ModelSelection.of(agent, override, directory.catalog()).primary();
    }

    private TurnResult runLocked(TurnRequest request, AgentDirectory directory, AgentSpec agent, String key,
            long fence) {
        AgentServices turn = services.writingTo(services.store().fencedBy(fence));
        SessionRecord session = turn.store().claimTurn(key, agent.id());
        if (request.abort().isAborted()) { // aborted before it started; its caller may already be gone
            return TurnResult.abortedUnstarted(key, false);
        }
        Optional<ChatCommand> command = ChatCommand.parse(request.text());
        if (command.isPresent()) {
            try {
                return new ChatCommands(turn).handle(command.get(), directory, agent, key, request);
            } catch (TurnAbort.TurnAbortedException e) { // an aborted /compact stored nothing
                return TurnResult.abortedUnstarted(key, true);
            }
        }
        return new TurnRunner(turn, directory, agent, key, request, session).run();
    }

    /**
     * Aborts the turn running on the session: its model call is cancelled (the upstream connection closed),
     * its tool loop stops, and it is stored with the user's message and its partial reply marked aborted
     * ({@link dev.clawgate.agent.store.EntryKind#ABORTED}). Messages queued behind it still run.
     *
     * @return false when no turn runs on the session
     */
    public boolean abort(String sessionKey) {
        TurnAbort abort = sessionKey == null ? null : running.get(sessionKey.trim());
        if (abort == null) {
            return false;
        }
        abort.abort();
        return true;
    }

    /** True while a turn (or a chat command) runs on the session. */
    public boolean isRunning(String sessionKey) {
        return sessionKey != null && running.containsKey(sessionKey.trim());
    }

    /** The agent's exact system prompt and tool schemas before any conversation, with their token count. */
    public PromptPreview preview(String agentId) {
        return PromptPreview.of(services.agents().get().get(agentId), services.tools(), services.prompts(),
                services.limits().tokens());
    }

    /** How many messages wait for the session's current run (0 when idle or running alone). */
    public int queuedOn(String sessionKey) {
        return locks.queuedOn(sessionKey);
    }

    private String agentIdOf(TurnRequest request) {
        if (request.agentId() != null && !request.agentId().isBlank()) {
            return request.agentId();
        }
        if (request.sessionKey() != null && request.sessionKey().startsWith("agent:")) {
            try {
                return SessionKeys.agentIdOf(request.sessionKey());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Optional parts; everything but the three constructor arguments has a working default. */
    public static final class Builder {
        private final Supplier<AgentDirectory> agents;
        private final ModelRouter router;
        private final SessionStore store;
        private List<Tool> tools = List.of();
        private ToolLoopLimits loopLimits = ToolLoopLimits.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private TokenEstimator tokens = TokenEstimator.shared();
        private SystemPromptBuilder prompts = new SystemPromptBuilder();
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private TurnLocks turnLocks;

        private Builder(Supplier<AgentDirectory> agents, ModelRouter router, SessionStore store) {
            this.agents = Objects.requireNonNull(agents);
            this.router = Objects.requireNonNull(router);
            this.store = Objects.requireNonNull(store);
        }

        /** The tools agents may be offered (each agent's policy narrows them); none by default. */
        public Builder tools(List<Tool> t) {
            this.tools = List.copyOf(t);
            return this;
        }

        public Builder loopLimits(ToolLoopLimits l) {
            this.loopLimits = Objects.requireNonNull(l);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder tokens(TokenEstimator t) {
            this.tokens = Objects.requireNonNull(t);
            return this;
        }

        public Builder prompts(SystemPromptBuilder p) {
            this.prompts = Objects.requireNonNull(p);
            return this;
        }

        public Builder lockTimeout(Duration d) {
            this.lockTimeout = Objects.requireNonNull(d);
            return this;
        }

        /**
         * Serialises a session's turns across instances too (taken after this instance's own session lock). Without
         * it only this process's lock serialises them, with fences just above the stored ones.
         */
        public Builder turnLocks(TurnLocks l) {
            this.turnLocks = l;
            return this;
        }

        public AgentRuntime build() {
            return new AgentRuntime(this);
        }
    }
}
