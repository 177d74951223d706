package dev.clawgate.agent;

import dev.clawgate.agent.tools.ListDirectoryTool;
import dev.clawgate.agent.tools.ReadFileTool;
import dev.clawgate.agent.tools.Tool;
import dev.clawgate.agent.tools.WriteFileTool;
import dev.clawgate.agent.tools.web.WebFetchConfig;
import dev.clawgate.agent.tools.web.WebFetchTool;
import java.util.List;

/** The built-in tools every agent may be offered; each agent's tool policy narrows them. */
public final class AgentTools {

    private AgentTools() {}

    /** read, write, list (confined to the agent's workspace) and web_fetch (public addresses only). */
    public static List<Tool> standard() {
        return List.of(new ReadFileTool(), new WriteFileTool(), new ListDirectoryTool(),
                new WebFetchTool(WebFetchConfig.DEFAULT));
    }
}
