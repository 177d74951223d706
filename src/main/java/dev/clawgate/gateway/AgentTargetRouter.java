package dev.clawgate.gateway;

import dev.clawgate.agent.AgentDirectory;
import dev.clawgate.agent.AgentRunException;
import dev.clawgate.agent.SessionBusyException;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.AgentTarget;
import dev.clawgate.agent.ContextOverflowException;
import dev.clawgate.agent.TurnAbort;
import dev.clawgate.agent.TurnListener;
import dev.clawgate.agent.TurnRequest;
import dev.clawgate.agent.TurnResult;
import dev.clawgate.agent.UnknownAgentException;
import dev.clawgate.catalog.ModelCost;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.routing.Attempt;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.routing.PrivacyBlockedException;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.routing.RoutedStream;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Agent targets on the model APIs: {@code model: "clawgate"} or {@code "clawgate/<agentId>"} runs a turn of
 * that agent instead of a bare model call, and the turn's delivery (reasoning-free reply text) streams back
 * as canonical events, so every inbound API serves agents with the same encoders, headers and error events
 * as models. Every other model name goes to the model router unchanged.
 *
 * <p>The response headers name the model that served the turn's first model call; to know it, the turn is
 * observed through the router the agent runtime uses ({@link #routerForAgents()}). A client that goes away
 * aborts the turn: when the gateway closes the stream before the turn's end (the client disconnected, or
 * the gateway is stopping), the turn's model call is cancelled and the session keeps the user's message
 * and the partial reply marked aborted ({@link TurnAbort}). A turn aborted by someone else
 * ({@link AgentRuntime#abort}) ends the client's response with a {@code client_cancelled} error.
 */
final class AgentTargetRouter implements ModelRouter {

    /** How long a turn may take before its first model call answers (cold local models included). */
    private static final Duration FIRST_CALL_LIMIT = Duration.ofMinutes(15);

    private final ModelRouter models;
    private final Supplier<AgentDirectory> agents;
    private final Supplier<AgentRuntime> runtime;
    private final ThreadLocal<Consumer<RoutedStream>> onModelCall = new ThreadLocal<>();
    /** The API call an agent turn runs for (its client key and privacy), on the turn's thread. */
    private final ThreadLocal<RouteOptions> callerOptions = new ThreadLocal<>();

    /**
     * @param runtime built lazily on the first agent call (it opens the session store); it must use
     *     {@link #routerForAgents()} as its router
     */
    AgentTargetRouter(ModelRouter models, Supplier<AgentDirectory> agents, Supplier<AgentRuntime> runtime) {
        this.models = models;
        this.agents = agents;
        this.runtime = runtime;
    }

    /** The router for the agent runtime: the model router, telling the current turn which model answered. */
    ModelRouter routerForAgents() {
        return (request, options) -> {
            RouteOptions caller = callerOptions.get();
            RoutedStream routed = models.open(request, caller == null ? options : asCaller(options, caller));
            Consumer<RoutedStream> hook = onModelCall.get();
            if (hook != null) {
                hook.accept(routed);
            }
            return routed;
        };
    }

    /**
     * An agent's model call on behalf of an API client: attributed to the client's key, under the stricter of the
     * agent's and the client's data policy (a key's privacy, local-only or regions, holds for the agent turns it
     * starts, whatever the agent says).
     */
    static RouteOptions asCaller(RouteOptions agent, RouteOptions caller) {
        RouteOptions o = caller.keyId() != null ? agent.forKey(caller.keyId()) : agent;
        if (caller.requestId() != null) { // the ledger ties the agent's contacts to the API request
            o = o.forRequest(caller.requestId());
        }
        return o.restrictedTo(caller.dataPolicy());
    }

    /** {@code clawgate} and {@code clawgate/<id>} for each configured agent, for {@code GET /v1/models}. */
    List<String> targets() {
        List<String> out = new ArrayList<>();
        out.add(AgentTarget.MODEL_NAME);
        agents.get().ids().forEach(id -> out.add(AgentTarget.MODEL_NAME + "/" + id));
        return out;
    }

    @Override
    public RoutedStream open(ChatRequest request, RouteOptions options) {
        AgentTarget target = AgentTarget.parse(request.model()).orElse(null);
        if (target == null) {
            return models.open(request, options);
        }
        BlockingQueue<Object> delivery = new LinkedBlockingQueue<>();
        TurnAbort abort = new TurnAbort();
        TurnRequest turn = turnRequest(target, request, options, delivery).withAbort(abort);
        CompletableFuture<RoutedStream> firstCall = new CompletableFuture<>();
        Thread.ofVirtual().name("clawgate-agent-turn").start(() -> {
            onModelCall.set(firstCall::complete);
            callerOptions.set(options != null ? options : RouteOptions.DEFAULT);
            try {
                TurnResult result = runtime.get().runTurn(turn);
                if (result.aborted()) {
                    UpstreamException cancelled = new UpstreamException(FailureClass.CLIENT_CANCELLED,
                            "the agent turn was aborted");
                    delivery.add(cancelled);
                    firstCall.completeExceptionally(cancelled);
                    return;
                }
                delivery.add(result);
                firstCall.complete(null); // a chat command: answered without a model
            } catch (RuntimeException e) {
                delivery.add(asUpstreamFailure(e)); // after the first byte: the API's own error event
                firstCall.completeExceptionally(isRouterFailure(e) ? e : asUpstreamFailure(e));
            } finally {
                onModelCall.remove();
                callerOptions.remove();
            }
        });
        RoutedStream first;
        try {
            first = awaitFirstCall(firstCall);
        } catch (RuntimeException e) {
            abort.abort(); // nobody will read this turn's answer (no-op when the turn itself failed)
            throw e;
        }
        ModelSpec model = first != null ? first.model() : selfAnswered(target);
        List<Attempt> attempts = first != null ? first.attempts()
                : List.of(new Attempt(model.ref(), null, 0, null, Duration.ZERO, false));
        return new RoutedStream(model, attempts, new StreamEvent.Start(null, model.ref()),
                new Delivery(delivery, abort));
    }

    private TurnRequest turnRequest(AgentTarget target, ChatRequest request, RouteOptions options,
            BlockingQueue<Object> delivery) {
        TurnListener listener = new TurnListener() {
            @Override
            public void replyDelta(String text) {
                delivery.add(new StreamEvent.TextDelta(text));
            }

            @Override
            public void reasoningDelta(String text) {
                delivery.add(new StreamEvent.ReasoningDelta(text));
            }
        };
        try {
            return target.turnRequest(request, agents.get(), listener,
                    options == null ? null : options.authenticatedUser());
        } catch (UnknownAgentException e) {
            throw new UnknownModelException(request.model(), e.getMessage(), targets());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(FailureClass.BAD_REQUEST, e.getMessage());
        }
    }

    private static RoutedStream awaitFirstCall(CompletableFuture<RoutedStream> firstCall) {
        try {
            return firstCall.get(FIRST_CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new UpstreamException(FailureClass.DEADLINE, "the agent turn produced no model answer within "
                    + FIRST_CALL_LIMIT.toMinutes() + " minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(FailureClass.CLIENT_CANCELLED, "interrupted while waiting for the agent");
        }
    }

    /** Failures the gateway maps to statuses of their own (404, 502, 503, 429) before the first byte. */
    private static boolean isRouterFailure(RuntimeException e) {
        return e instanceof AllCandidatesFailedException || e instanceof UnknownModelException
                || e instanceof PrivacyBlockedException;
    }

    /** Agent failures as the classified failures the gateway answers in each API's error shape. */
    static UpstreamException asUpstreamFailure(RuntimeException e) {
        return switch (e) {
            case UpstreamException u -> u;
            case SessionBusyException b -> new UpstreamException(FailureClass.BAD_REQUEST, 409, b.getMessage(), null, b);
            case AllCandidatesFailedException a -> new UpstreamException(FailureClass.UNKNOWN, 0, a.getMessage(), null, a);
            case ContextOverflowException o -> new UpstreamException(FailureClass.CONTEXT_OVERFLOW, 400, o.getMessage(), null, o);
            case AgentRunException a -> new UpstreamException(FailureClass.BAD_REQUEST, 400, a.getMessage(), null, a);
            default -> new UpstreamException(FailureClass.UNKNOWN, 0, e.getMessage(), null, e);
        };
    }

    /** The "model" of a turn answered by Clawgate itself (a chat command such as /status). */
    private static ModelSpec selfAnswered(AgentTarget target) {
        ProviderSpec self = new ProviderSpec(AgentTarget.MODEL_NAME, "http://127.0.0.1", "clawgate", null, null, Map.of(),
                false, Duration.ZERO, null, true, false);
        String id = target.agentId() == null ? "agent" : target.agentId();
        return new ModelSpec(self, id, id, "clawgate", false, List.of("text"), ModelCost.FREE, ModelSpec.DEFAULT_CONTEXT_WINDOW,
                null, null, null, false);
    }

    /** The turn's delivery as events: text (and reasoning) deltas as they come, then usage and the stop. */
    private static final class Delivery implements EventStream {
        private final BlockingQueue<Object> queue;
        private final TurnAbort abort;
        private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
        private boolean textDelivered;
        private volatile boolean ended;

        Delivery(BlockingQueue<Object> queue, TurnAbort abort) {
            this.queue = queue;
            this.abort = abort;
        }

        @Override
        public StreamEvent next() {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (ended) {
                return null;
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException(FailureClass.CLIENT_CANCELLED, "interrupted");
            }
            return switch (item) {
                case StreamEvent.TextDelta t -> {
                    textDelivered = true;
                    yield t;
                }
                case StreamEvent e -> e;
                case TurnResult r -> {
                    ended = true;
                    if (!textDelivered && r.reply() != null) { // a chat command's answer is not streamed
                        pending.add(new StreamEvent.TextDelta(r.reply()));
                    }
                    pending.add(new StreamEvent.UsageReport(r.usage()));
                    pending.add(new StreamEvent.Stop(StopReason.STOP));
                    yield pending.poll();
                }
                case UpstreamException failure -> {
                    ended = true;
                    throw failure;
                }
                default -> throw new IllegalStateException("unexpected " + item);
            };
        }

        /** Closed before the turn's end: the client went away (or the gateway stops), so the turn is aborted. */
        @Override
        public void close() {
            if (!ended) {
                abort.abort();
            }
        }
    }
}
