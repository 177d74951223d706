package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.store.UsageRecord;
import dev.clawgate.routing.ContextOverflows;
import dev.clawgate.routing.ModelRouter;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.Usage;
import dev.clawgate.wire.UpstreamException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a session: older messages are summarised by a model (through the router, so failover and
 * privacy apply) and replaced by that summary; the most recent messages, up to {@code keepRecentTokens},
 * stay verbatim. The cut never separates a tool call from its result (it moves forward to the start of a
 * user turn, else past any tool results), an earlier summary is folded into the new one rather than
 * appended, and the summariser is told to copy identifiers (paths, ids, numbers, URLs) exactly.
 *
 * <p>The part to summarise is rendered as plain text and, when it does not fit the summarising model's
 * window, summarised chunk by chunk, each chunk folded into the running summary. The result is stored with
 * {@link SessionStore#appendCompaction} in one transaction.
 */
final class Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    static final String SYSTEM_PROMPT = """
            You compact conversations. Write a summary that will replace the earlier part of a conversation \
            between a user and an AI assistant, so the assistant can continue without it.
            Keep: the user's goals, preferences and instructions; decisions made; facts learned and tool results \
            that still matter; tasks in progress and open questions.
            Copy identifiers exactly as written: file paths, ids, names, numbers, amounts, dates, URLs, commands \
            and error messages. Never paraphrase or round them.
            If an earlier summary is given, merge it with the new messages into one summary; drop what was \
            superseded. Do not invent anything. Write terse notes in plain text, no preamble.""";

    /** A tool result longer than this is cut when rendered for the summariser. */
    static final int MAX_RENDERED_RESULT_TOKENS = 300;
    private static final int MIN_CHUNK_TOKENS = 200;
    private static final int MAX_OVERFLOW_RETRIES = 3;

    /**
     * @param keepRecentTokens verbatim tail budget; 0 summarises everything
     * @param instructions extra focus from {@code /compact …}, or null
     * @param runningTurn the messages the running turn already stored (its user message), which are not in
     *     {@code context}: copied after the kept tail so that they stay after the summary, in order
     * @param abort the running turn's abort; an aborted compaction stores nothing
     */
    record Job(String sessionKey, SessionContext context, ModelSelection model, ContextBudget budget,
            int keepRecentTokens, String instructions, List<Message> runningTurn, TurnAbort abort) {}

    record Outcome(boolean compacted, long tokensBefore, long tokensAfter, int summarizedMessages,
            int keptMessages, List<UsageRecord> usage, Usage usageTotal, BigDecimal cost) {

        static Outcome nothing(long tokens, int messages) {
            return new Outcome(false, tokens, tokens, 0, messages, List.of(), Usage.ZERO, BigDecimal.ZERO);
        }
    }

    private final ModelRouter router;
    private final SessionStore store;
    private final ContextLimits limits;
    private final Clock clock;

    Compactor(ModelRouter router, SessionStore store, ContextLimits limits, Clock clock) {
        this.router = router;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** This compactor storing its summaries in {@code turnStore}. */
    Compactor writingTo(SessionStore turnStore) {
        return new Compactor(router, turnStore, limits, clock);
    }

    Outcome compact(Job job) {
        TokenEstimator tokens = limits.tokens();
        List<Message> messages = job.context().messages();
        long before = messagesTokens(messages, tokens) + tokens.countText(job.context().summary());
        int cut = cutIndex(messages, job.keepRecentTokens(), tokens);
        if (cut == 0) {
            return Outcome.nothing(before, messages.size());
        }
        List<Message> older = messages.subList(0, cut);
        List<Message> kept = messages.subList(cut, messages.size());
        List<UsageRecord> usage = new ArrayList<>();
        int chunkBudget = Math.max(MIN_CHUNK_TOKENS, job.budget().promptLimit() - tokens.countText(SYSTEM_PROMPT)
                - tokens.countText(job.instructions()) - job.budget().summaryTokens() - 64);
        String summary = null;
        for (int attempt = 0; summary == null; attempt++) {
            try {
                summary = summarise(job, older, chunkBudget, usage);
            } catch (UpstreamException e) {
                if (e.failure() != FailureClass.CONTEXT_OVERFLOW || attempt + 1 >= MAX_OVERFLOW_RETRIES) {
                    throw e;
                }
                ContextOverflows.window(e.getMessage()).ifPresent(w -> limits.learnWindow(job.model().primary(), w));
                chunkBudget = Math.max(MIN_CHUNK_TOKENS / 2, chunkBudget / 2);
            }
        }
        List<Message> copied = new ArrayList<>(kept);
        copied.addAll(job.runningTurn());
        store.appendCompaction(job.sessionKey(), Message.user(summary), copied);
        long after = tokens.countText(summary) + messagesTokens(kept, tokens);
        Usage total = Usage.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        for (UsageRecord u : usage) {
            total = ModelCall.add(total, u.usage());
            cost = cost.add(BigDecimal.valueOf(u.costUsd()));
        }
        LOG.info("session compacted: ~{} -> ~{} tokens, {} messages summarised, {} kept", before, after, cut,
                kept.size());
        return new Outcome(true, before, after, cut, kept.size(), usage, total, cost);
    }

    private String summarise(Job job, List<Message> older, int chunkBudget, List<UsageRecord> usage) {
        TokenEstimator tokens = limits.tokens();
        String summary = job.context().summary();
        for (String chunk : chunks(older, chunkBudget, tokens)) {
            StringBuilder prompt = new StringBuilder();
            if (summary != null) {
                prompt.append("Earlier summary:\n").append(summary.strip()).append("\n\n");
            }
            prompt.append("Messages to fold into the summary:\n").append(chunk);
            if (job.instructions() != null && !job.instructions().isBlank()) {
                prompt.append("\n\nAlso: ").append(job.instructions().strip());
            }
            prompt.append("\n\nWrite the updated summary now, in at most ")
                    .append(Math.max(50, job.budget().summaryTokens() * 3 / 5)).append(" words.");
            ChatRequest request = new ChatRequest(job.model().requestModel(), SYSTEM_PROMPT,
                    List.of(Message.user(prompt.toString())), List.of(), null, job.budget().summaryTokens(), null, null,
                    List.of(), true, null, null);
            ModelCall call = ModelCall.run(router, request, job.model().options(), tokens, clock, job.abort(), e -> { });
            usage.add(call.usageRecord());
            String text = DeliveryFilter.splitThinking(call.response().text()).visible().strip();
            if (text.isEmpty() || DeliveryFilter.isSilentReply(text)) {
                throw new AgentRunException("Compaction failed: " + call.routed().model().ref()
                        + " returned an empty summary. The session was left as it was.");
            }
            summary = text;
        }
        return summary;
    }

    /**
     * Where the verbatim tail starts: the tail holds at most {@code keepRecentTokens} (estimated), and
     * starts at a user message when one is in range, else at the first message that is not a tool result,
     * so a tool call and its result are always on the same side. Returns the list size when nothing can be
     * kept, 0 when everything fits the tail.
     */
    static int cutIndex(List<Message> messages, int keepRecentTokens, TokenEstimator tokens) {
        long kept = 0;
        int raw = messages.size();
        for (int i = messages.size() - 1; i >= 0; i--) {
            long t = messageTokens(messages.get(i), tokens);
            if (kept + t > keepRecentTokens) {
                break;
            }
            kept += t;
            raw = i;
        }
        if (raw == 0) {
            return 0;
        }
        for (int i = raw; i < messages.size(); i++) {
            if (messages.get(i).role() == Message.Role.USER) {
                return i;
            }
        }
        for (int i = raw; i < messages.size(); i++) {
            if (messages.get(i).role() != Message.Role.TOOL) {
                return i;
            }
        }
        return messages.size();
    }

    /** The rendered messages split into pieces of at most {@code budget} tokens (a huge message is cut). */
    static List<String> chunks(List<Message> messages, int budget, TokenEstimator tokens) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        long used = 0;
        for (Message m : messages) {
            String line = cut(render(m, tokens), budget, tokens);
            long t = tokens.countText(line) + 1;
            if (used + t > budget && !current.isEmpty()) {
                chunks.add(current.toString());
                current.setLength(0);
                used = 0;
            }
            current.append(line).append('\n');
            used += t;
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** One message as a line of plain text; reasoning is left out. */
    static String render(Message m, TokenEstimator tokens) {
        StringBuilder sb = new StringBuilder();
        for (Part p : m.parts()) {
            switch (p) {
                case Part.Text t -> {
                    String visible = DeliveryFilter.splitThinking(t.text()).visible().strip();
                    if (!visible.isEmpty()) {
                        sb.append(m.role() == Message.Role.USER ? "User: " : "Assistant: ").append(visible).append('\n');
                    }
                }
                case Part.ToolCall c -> sb.append("Assistant called tool ").append(c.name()).append(' ')
                        .append(c.argumentsJson()).append('\n');
                case Part.ToolResult r -> sb.append("Tool ").append(r.name()).append(r.isError() ? " failed: " : " returned: ")
                        .append(cut(r.content(), MAX_RENDERED_RESULT_TOKENS, tokens)).append('\n');
                case Part.Image i -> sb.append(m.role() == Message.Role.USER ? "User" : "Assistant").append(" sent an image\n");
                case Part.Reasoning r -> { }
            }
        }
        return sb.toString().strip();
    }

    /** {@code text} cut to about {@code maxTokens}, marked. */
    static String cut(String text, int maxTokens, TokenEstimator tokens) {
        if (text == null) {
            return "";
        }
        int t = tokens.countText(text);
        if (t <= maxTokens) {
            return text;
        }
        int chars = (int) ((long) text.length() * maxTokens / t);
        while (chars > 0 && tokens.countText(text.substring(0, chars)) > maxTokens) {
            chars = chars * 9 / 10;
        }
        return text.substring(0, chars) + " …[cut]";
    }

    static long messagesTokens(List<Message> messages, TokenEstimator tokens) {
        long sum = 0;
        for (Message m : messages) {
            sum += messageTokens(m, tokens);
        }
        return sum;
    }

    static long messageTokens(Message m, TokenEstimator tokens) {
        ChatRequest one = new ChatRequest(null, null, List.of(m), List.of(), null, null, null, null, List.of(), true,
                null, null);
        return tokens.estimatePromptTokens(one) - TokenEstimator.TOKENS_PER_REPLY;
    }
}
