package dev.clawgate.agent.store;

import java.time.Instant;

/**
 * A session's row: its routing key (see {@link SessionKeys}), owning agent, times, the per-session model
 * override ({@code /model}; null when none) and how often it has been compacted.
 */
public record SessionRecord(String key, String agentId, Instant createdAt, Instant updatedAt, String modelOverride,
        int compactionCount) {}
