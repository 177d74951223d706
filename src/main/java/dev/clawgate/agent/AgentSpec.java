package dev.clawgate.agent;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.AgentsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One agent with every default applied.
 *
 * @param id the normalised agent id (lower case), as in session keys
 * @param isDefault whether messages that name no agent go to this one
 * @param chain its model chain, primary first (the default chain unless {@code agents.list[].model} says
 *     otherwise; see {@link dev.clawgate.catalog.ModelCatalog#agentChain})
 * @param workspace the directory its file tools are confined to and its AGENTS.md, SOUL.md, USER.md and
 *     TOOLS.md are read from
 * @param tools its tool policy section, or null for the full profile
 * @param reasoning whether users see the model's reasoning
 * @param localOnly {@code privacy: "local-only"}: hosted models are never contacted for this agent
 */
public record AgentSpec(String id, boolean isDefault, List<ModelSpec> chain, Path workspace,
        AgentsConfig.Tools tools, ReasoningDisplay reasoning, boolean localOnly) {

    public AgentSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        chain = List.copyOf(chain);
        reasoning = reasoning != null ? reasoning : ReasoningDisplay.OFF;
    }

    /** The chain's first model, or null when nothing in it resolves. */
    public ModelSpec primary() {
        return chain.isEmpty() ? null : chain.get(0);
    }
}
