package dev.clawgate.agent.tools;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a tool call runs.
 *
 * @param agentId the agent making the call
 * @param sessionKey the session the call belongs to
 * @param workspace the agent's workspace directory; file tools are confined to it
 * @param fileAccess what the file tools may touch inside it (hard links, protected files)
 */
public record ToolContext(String agentId, String sessionKey, Path workspace, FileAccess fileAccess) {

    public ToolContext {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(workspace, "workspace");
        fileAccess = fileAccess != null ? fileAccess : FileAccess.DEFAULT;
    }

    /** A context with the default file protections. */
    public ToolContext(String agentId, String sessionKey, Path workspace) {
        this(agentId, sessionKey, workspace, FileAccess.DEFAULT);
    }
}
