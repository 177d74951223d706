package dev.clawgate.agent;

import dev.clawgate.agent.store.EntryKind;
import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.agent.store.Turn;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.agent.tools.TextToolCallParser;
import dev.clawgate.agent.tools.ToolContext;
import dev.clawgate.agent.tools.ToolExecutor;
import dev.clawgate.agent.tools.ToolLoopLimits;
import dev.clawgate.agent.tools.ToolPolicy;
import dev.clawgate.routing.ContextOverflows;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolSpec;
import dev.clawgate.wire.Usage;
import dev.clawgate.wire.UpstreamException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ordinary turn of a session, under its lock: budget the context (compacting first when the prompt
 * would not fit), call the model, run the tools it asks for and call it again, until it answers without
 * tool calls or the loop limits stop it; then store the whole turn atomically and shape the delivery.
 *
 * <p>The user's message is stored before the model is called, so that a crash or a failure does not lose
 * it; the rest of the turn is stored in one transaction at its end. An upstream context overflow learns the
 * server's real window, compacts harder and retries, at most {@value #MAX_OVERFLOW_RECOVERIES} times; then
 * the turn fails with the numbers. Of a failed turn only the user's message and the compactions it completed
 * are stored; an aborted one ({@link TurnAbort}) also stores its completed steps and its partial reply
 * ({@link AbortedTurn}). A chat message run again after a restart ({@link TurnRequest#inboundId}) reuses the
 * user entry the first run stored, and the reply too when that run stored one.
 */
final class TurnRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);
    static final int MAX_OVERFLOW_RECOVERIES = 3;

    private final AgentServices services;
    private final AgentDirectory directory;
    private final AgentSpec agent;
    private final String key;
    private final TurnRequest request;
    private final ModelSelection selection;
    private final ToolPolicy policy;
    private final List<ToolSpec> toolSpecs;
    private final String agentPrompt;

    private final List<Message> turnMessages = new ArrayList<>();
    private final List<UsageRecord> usage = new ArrayList<>();
    private final List<ToolCallRecord> toolCalls = new ArrayList<>();
    private final Set<String> notices = new LinkedHashSet<>();
    private Usage usageTotal = Usage.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;
    private int compactions;
    private int overflowRecoveries;
    private SessionContext context;
    /** How many of {@link #turnMessages} are already stored (the user's message, once stored). */
    private int storedMessages;

    TurnRunner(AgentServices services, AgentDirectory directory, AgentSpec agent, String key, TurnRequest request,
            SessionRecord session) {
        this.services = services;
        this.directory = directory;
        this.agent = agent;
        this.key = key;
        this.request = request;
        String override = request.modelOverride() != null ? request.modelOverride() : session.modelOverride();
        this.selection = ModelSelection.of(agent, override, directory.catalog());
        this.policy = ToolPolicy.forAgent(services.tools(), agent.tools());
        this.toolSpecs = policy.offeredSpecs();
        this.agentPrompt = services.prompts().build(agent, toolSpecs);
    }

    TurnResult run() {
        TranscriptEntry earlier = request.inboundId() == null ? null
                : services.store().findInbound(key, request.inboundId()).orElse(null);
        if (earlier != null) {
            TurnResult answered = resume(earlier);
            if (answered != null) {
                return answered;
            }
        } else {
            context = services.workingSet().load(key, 0);
            Message user = userMessage(request);
            services.store().appendTurn(key, new Turn(List.of(new Turn.Entry(EntryKind.MESSAGE, user,
                    request.inboundId())), List.of()));
            turnMessages.add(user);
            storedMessages = 1;
        }
        ReplyStreamer streamer = new ReplyStreamer(request.listener(), agent.reasoning(), !toolSpecs.isEmpty());
        try {
            return runSteps(streamer);
        } catch (RuntimeException e) {
            if (!request.abort().isAborted()) {
                throw e;
            }
            return aborted(streamer);
        }
    }

    /**
     * A chat message run again after a restart, whose user entry a previous run stored: the reply that run
     * stored when it got that far (nothing is stored twice, the model is not called again), else null after
     * setting the turn up on the stored entry instead of a new one.
     */
    private TurnResult resume(TranscriptEntry earlier) {
        List<TranscriptEntry> after = services.store().transcriptFrom(key, earlier.seq() + 1);
        TranscriptEntry last = after.isEmpty() ? null : after.get(after.size() - 1);
        if (last != null && last.kind() == EntryKind.MESSAGE && last.message().role() == Message.Role.ASSISTANT
                && last.message().parts().stream().noneMatch(Part.ToolCall.class::isInstance)) {
            LOG.info("session {}: message {} was answered before a restart; its stored reply is used", key,
                    request.inboundId());
            Delivery delivery = new DeliveryFilter(agent.reasoning()).deliver(last.message());
            return new TurnResult(key, delivery.reply(), delivery.reasoning(), null, null, Usage.ZERO,
                    BigDecimal.ZERO, List.of(), 0, false);
        }
        LOG.info("session {}: message {} was stored before a restart; running its turn on the stored entry", key,
                request.inboundId());
        if (after.isEmpty()) { // the turn's own user message, as if just stored
            context = services.workingSet().load(key, 1);
            turnMessages.add(earlier.message());
            storedMessages = 1;
        } else { // entries followed it (a compaction's copies): it is part of the stored context already
            context = services.workingSet().load(key, 0);
        }
        return null;
    }

    /** The user's text, with the untrusted sender context before it and any images after it. */
    private static Message userMessage(TurnRequest request) {
        if (request.untrustedContext() == null && request.images().isEmpty()) {
            return Message.user(request.text());
        }
        List<Part> parts = new ArrayList<>();
        if (request.untrustedContext() != null) {
            parts.add(new Part.Text(request.untrustedContext()));
        }
        if (!request.text().isEmpty() || request.images().isEmpty()) {
            parts.add(new Part.Text(request.text()));
        }
        parts.addAll(request.images());
        return new Message(Message.Role.USER, parts);
    }

    private TurnResult runSteps(ReplyStreamer streamer) {
        TurnAbort abort = request.abort();
        ToolExecutor executor = new ToolExecutor(policy);
        ToolContext toolContext = new ToolContext(agent.id(), key, agent.workspace(), policy.fileAccess());
        TextToolCallParser textCalls = new TextToolCallParser(
                policy.offeredTools().stream().map(t -> t.name()).collect(Collectors.toSet()));
        ToolLoopLimits.Budget budget = services.loopLimits().start(services.clock());
        Message finalMessage = null;
        String model = null;
        String stoppedReason = null;
        while (true) {
            abort.throwIfAborted();
            if (!budget.tryStartStep()) {
                stoppedReason = budget.exhaustedReason();
                break;
            }
            streamer.startStep();
            ModelCall call = callWithinWindow(streamer);
            model = call.routed().model().ref();
            ChatResponse response = call.response();
            List<Part.ToolCall> calls = response.toolCalls();
            Message assistant = response.toMessage();
            boolean fromText = false;
            if (calls.isEmpty() && !toolSpecs.isEmpty()) {
                TextToolCallParser.Result parsed = textCalls.parse(response.text());
                if (parsed.hasCalls()) {
                    calls = parsed.calls();
                    fromText = true;
                    assistant = withTextCalls(response, parsed);
                }
            }
            streamer.finishStep(fromText);
            turnMessages.add(assistant);
            if (calls.isEmpty()) {
                finalMessage = assistant;
                break;
            }
            for (Part.ToolCall tc : calls) {
                request.listener().toolStarted(tc.id(), tc.name(), tc.argumentsJson());
                Part.ToolResult result = executor.execute(tc, toolContext);
                request.listener().toolFinished(tc.id(), tc.name(), result.isError());
                turnMessages.add(new Message(Message.Role.TOOL, List.of(result)));
                toolCalls.add(new ToolCallRecord(tc.id(), tc.name(), tc.argumentsJson(), result.isError(), fromText));
                abort.throwIfAborted();
            }
        }
        services.store().appendTurn(key, Turn.of(unstored(), usage));
        return result(finalMessage, model, stoppedReason);
    }

    private List<Message> unstored() {
        return turnMessages.subList(storedMessages, turnMessages.size());
    }

    /** Stores what the aborted turn has (see {@link AbortedTurn}) and reports the partial reply. */
    private TurnResult aborted(ReplyStreamer streamer) {
        request.abort().settle();
        String partial = streamer.shownInStep();
        services.store().appendTurn(key, AbortedTurn.of(unstored(), partial, usage));
        LOG.info("turn on session {} aborted after {} model calls", key, usage.size());
        String notice = notices.isEmpty() ? null : String.join("\n", notices);
        String model = usage.isEmpty() ? null : usage.get(usage.size() - 1).modelRef();
        return new TurnResult(key, partial, null, model, notice, usageTotal, cost, toolCalls, compactions, false, true);
    }

    private TurnResult result(Message finalMessage, String model, String stoppedReason) {
        String reply;
        String reasoning = null;
        if (finalMessage == null) {
            reply = "⚠️ The agent " + stoppedReason + " without a final answer.";
            request.listener().replyDelta(reply);
        } else {
            Delivery delivery = new DeliveryFilter(agent.reasoning()).deliver(finalMessage);
            reply = delivery.reply();
            reasoning = delivery.reasoning();
        }
        String notice = notices.isEmpty() ? null : String.join("\n", notices);
        return new TurnResult(key, reply, reasoning, model, notice, usageTotal, cost, toolCalls, compactions, false);
    }

    /**
     * One model call of the turn: compacts first when the prompt would not fit the budget, and on an
     * upstream overflow learns the real window, compacts harder and tries again.
     */
    private ModelCall callWithinWindow(ReplyStreamer streamer) {
        while (true) {
            ContextBudget budget = budget();
            ChatRequest chat = chatRequest(budget);
            long estimate = estimate(chat);
            long prompt = services.limits().correctedPromptTokens(selection.primary(), estimate);
            if (prompt > budget.promptLimit() && overflowRecoveries < MAX_OVERFLOW_RECOVERIES
                    && compact(budget.keepRecent(), null).compacted()) {
                continue; // rebuilt from the compacted context
            }
            try {
                ModelCall call = ModelCall.run(services.router(), chat, estimate, selection.options(),
                        services.limits().tokens(), services.clock(), request.abort(), streamer::accept);
                record(call);
                return call;
            } catch (UpstreamException e) {
                if (e.failure() != FailureClass.CONTEXT_OVERFLOW) {
                    throw e;
                }
                recoverFromOverflow(e, budget, prompt);
            }
        }
    }

    private void recoverFromOverflow(UpstreamException e, ContextBudget budget, long prompt) {
        ContextOverflows.window(e.getMessage()).ifPresent(w -> services.limits().learnWindow(selection.primary(), w));
        overflowRecoveries++;
        if (overflowRecoveries <= MAX_OVERFLOW_RECOVERIES) {
            LOG.warn("context overflow on {} (attempt {}/{}): compacting and retrying", selection.primary().ref(),
                    overflowRecoveries, MAX_OVERFLOW_RECOVERIES);
        }
        ContextBudget learned = budget();
        boolean compacted = overflowRecoveries <= MAX_OVERFLOW_RECOVERIES
                && compact(learned.keepRecent() >> (overflowRecoveries - 1), null).compacted();
        if (!compacted) {
            int window = ContextOverflows.window(e.getMessage()).orElse(learned.window());
            long needed = ContextOverflows.requested(e.getMessage()).isPresent()
                    ? ContextOverflows.requested(e.getMessage()).getAsInt() : prompt + budget.outputReserve();
            throw new ContextOverflowException(selection.primary().ref(), window, needed, compactions, e);
        }
    }

    /** {@code /compact [instructions]}: compacts now, keeping the usual verbatim tail. */
    TurnResult compactNow(String instructions) {
        context = services.workingSet().load(key, 0);
        Compactor.Outcome outcome = compact(budget().keepRecent(), instructions);
        if (!usage.isEmpty()) {
            services.store().appendTurn(key, new Turn(List.of(), usage));
        }
        String reply = outcome.compacted()
                ? "🧹 Compacted: ~" + SessionReport.compact(outcome.tokensBefore()) + " → ~"
                        + SessionReport.compact(outcome.tokensAfter()) + " tokens (" + outcome.summarizedMessages()
                        + " messages summarised, " + outcome.keptMessages() + " kept verbatim)."
                : "Nothing to compact yet: the conversation fits in the verbatim tail ("
                        + SessionReport.compact(outcome.tokensBefore()) + " tokens).";
        return TurnResult.ofCommand(key, reply, usageTotal, cost, compactions);
    }

    /** {@code /status}. */
    String status(SessionRecord session) {
        context = services.workingSet().load(key, 0);
        ContextBudget budget = budget();
        long contextTokens = services.limits().correctedPromptTokens(selection.primary(), chatRequest(budget));
        return SessionReport.status(agent, session, selection, budget, contextTokens, services.store().usage(key));
    }

    private Compactor.Outcome compact(int keepRecent, String instructions) {
        ModelSelection summariser = compactionModel();
        Compactor.Outcome outcome;
        try {
            outcome = services.compactor().compact(new Compactor.Job(key, context, summariser,
                    ContextBudget.of(summariser.primary(), directory.defaults(), services.limits()), keepRecent,
                    instructions, List.copyOf(turnMessages.subList(0, storedMessages)), request.abort()));
        } catch (UpstreamException e) {
            if (e.failure() != FailureClass.CONTEXT_OVERFLOW) {
                throw e;
            }
            // Even the summary request does not fit: report the turn's overflow, not the summariser's.
            LOG.warn("compaction request overflowed too; giving up on compaction for this turn");
            return Compactor.Outcome.nothing(0, context.messages().size());
        }
        outcome.usage().forEach(usage::add);
        usageTotal = ModelCall.add(usageTotal, outcome.usageTotal());
        cost = cost.add(outcome.cost());
        if (outcome.compacted()) {
            compactions++;
            context = services.workingSet().load(key, storedMessages);
        }
        return outcome;
    }

    /** {@code agents.defaults.compaction.model} when set (strict, same privacy), else the session's model. */
    private ModelSelection compactionModel() {
        var compaction = directory.defaults().compaction();
        if (compaction == null || compaction.model() == null || compaction.model().isBlank()) {
            return selection;
        }
        return ModelSelection.pinned(ModelSelection.resolveAllowed(compaction.model(), directory.catalog()), agent);
    }

    private ContextBudget budget() {
        return ContextBudget.of(selection.primary(), directory.defaults(), services.limits());
    }

    private ChatRequest chatRequest(ContextBudget budget) {
        List<Message> messages = new ArrayList<>(context.messages().size() + turnMessages.size()); // no regrowth
        messages.addAll(context.messages());
        messages.addAll(turnMessages);
        return new ChatRequest(selection.requestModel(), context.systemPrompt(agentPrompt), messages, toolSpecs, null,
                budget.outputReserve(), null, null, List.of(), true, null, null);
    }

    /**
     * {@link dev.clawgate.usage.TokenEstimator#estimatePromptTokens} of {@code chat} without re-counting the
     * session's stored messages (the working set has their counts) or the unchanged system prompt and tools.
     */
    private long estimate(ChatRequest chat) {
        var tokens = services.limits().tokens();
        long fixed = services.limits().fixedPromptTokens(chat.system(), chat.tools());
        long turn = 0;
        for (Message m : turnMessages) {
            turn += tokens.estimateMessageTokens(m);
        }
        return fixed + context.messagesTokens() + turn;
    }

    private void record(ModelCall call) {
        usage.add(call.usageRecord());
        usageTotal = ModelCall.add(usageTotal, call.usageRecord().usage());
        cost = cost.add(call.cost());
        Usage reported = call.usageRecord().usage();
        if (!reported.estimated()) {
            services.limits().observePromptTokens(call.routed().model(), call.estimatedPromptTokens(),
                    reported.totalInputTokens());
        }
        services.notices().update(key, call.routed()).ifPresent(notices::add);
    }

    /** The assistant message with the text-form tool calls as real calls and only the leftover text. */
    private static Message withTextCalls(ChatResponse response, TextToolCallParser.Result parsed) {
        List<Part> parts = new ArrayList<>();
        for (Part p : response.toMessage().parts()) {
            if (p instanceof Part.Reasoning) {
                parts.add(p);
            }
        }
        if (!parsed.remainingText().isBlank()) {
            parts.add(new Part.Text(parsed.remainingText()));
        }
        parts.addAll(parsed.calls());
        return new Message(Message.Role.ASSISTANT, parts);
    }
}
