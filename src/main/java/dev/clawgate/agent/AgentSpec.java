package dev.clawgate.agent;

import dev.clawgate.catalog.DataPolicy;
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
 * @param dataPolicy its {@code privacy} with {@code agents.defaults.privacy}, the strictest of both: models
 *     outside it are never contacted for this agent
 */
public record AgentSpec(String id, boolean isDefault, List<ModelSpec> chain, Path workspace,
        AgentsConfig.Tools tools, ReasoningDisplay reasoning, DataPolicy dataPolicy) {

    /** With {@code privacy: "local-only"} or none. */
    public AgentSpec(String id, boolean isDefault, List<ModelSpec> chain, Path workspace, AgentsConfig.Tools tools,
            ReasoningDisplay reasoning, boolean localOnly) {
        this(id, isDefault, chain, workspace, tools, reasoning, localOnly ? DataPolicy.LOCAL_ONLY : DataPolicy.NONE);
    }

    /** True when only local models may be contacted for this agent. */
    public boolean localOnly() {
        return dataPolicy.localOnly();
    }

    public AgentSpec {
        dataPolicy = dataPolicy != null ? dataPolicy : DataPolicy.NONE;
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
