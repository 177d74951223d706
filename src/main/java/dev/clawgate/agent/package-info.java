/**
 * The agent runtime: agents from config, lean system prompts, sessions and transcripts, context
 * budgeting and compaction, narrow tools, and reasoning-free delivery.
 *
 * <p>May import {@code wire}, {@code config}, {@code catalog}, {@code routing}, {@code usage}. Must not
 * import {@code gateway} or {@code cli}.
 */
package dev.clawgate.agent;
