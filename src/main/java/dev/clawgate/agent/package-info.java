/**
 * The agent runtime: agents from config, lean system prompts, sessions and transcripts, context
 * budgeting and compaction, narrow tools, and reasoning-free delivery.
 *
 * <p>Entry points: {@link dev.clawgate.agent.AgentRuntime#runTurn} (one message in, a
 * {@link dev.clawgate.agent.TurnResult} out), {@link dev.clawgate.agent.AgentDirectory} (the agents of a
 * configuration), {@link dev.clawgate.agent.AgentTarget} (a {@code model: "clawgate/<agentId>"} API call
 * turned into a turn) and {@link dev.clawgate.agent.PromptPreview} (what an agent sends before any
 * conversation). Inside a turn: {@code TurnRunner} (tool loop, overflow recovery), {@code ContextBudget}
 * and {@link dev.clawgate.agent.ContextLimits} (how much of which window), {@code Compactor} (summaries),
 * {@code ChatCommands} ({@code /new}, {@code /model}, {@code /status}, …), {@code ReplyStreamer}
 * (what a listener may see while the model streams), {@code SessionWorkingSet} (recent sessions' contexts
 * and token counts in memory, so a turn reads only what is new) and {@link dev.clawgate.agent.TurnAbort}
 * (stopping a turn).
 *
 * <p>May import {@code wire}, {@code config}, {@code catalog}, {@code routing}, {@code usage}, {@code state},
 * {@code http}. Must not
 * import {@code gateway} or {@code cli}.
 */
package dev.clawgate.agent;
