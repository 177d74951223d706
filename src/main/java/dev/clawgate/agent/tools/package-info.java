/**
 * Tools the model may call: the {@link dev.clawgate.agent.tools.Tool} interface, the workspace-confined file
 * tools ({@code read}, {@code write}, {@code list}), {@link dev.clawgate.agent.tools.ToolPolicy} (profile,
 * allow, deny; deny wins), {@link dev.clawgate.agent.tools.ToolExecutor} (refuses calls to tools not offered,
 * turns failures into error results), {@link dev.clawgate.agent.tools.TextToolCallParser} for local models
 * that write tool calls as text, {@link dev.clawgate.agent.tools.ToolLoopLimits}, and
 * {@link dev.clawgate.agent.tools.UntrustedContent} for wrapping external text.
 */
package dev.clawgate.agent.tools;
