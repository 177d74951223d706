package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents of one configuration ({@code agents.defaults} + {@code agents.list[]}) with the catalog they
 * were resolved against. Immutable: a config reload builds a new directory.
 *
 * <p>The default agent is the one marked {@code default: true}, else the first listed, else an implicit
 * {@value #IMPLICIT_AGENT_ID} agent with the defaults (OpenClaw's single-agent setup).
 */
public final class AgentDirectory {

    /** The agent a configuration without {@code agents.list} has. */
    public static final String IMPLICIT_AGENT_ID = "main";

    private final ModelCatalog catalog;
    private final AgentsConfig config;
    private final Map<String, AgentSpec> agents;
    private final AgentSpec defaultAgent;

    public AgentDirectory(AgentsConfig config, ModelCatalog catalog, Environment env) {
        this.catalog = catalog;
        this.config = config != null ? config : AgentsConfig.EMPTY;
        AgentsConfig.Defaults defaults = this.config.defaults();
        Map<String, AgentSpec> byId = new LinkedHashMap<>();
        AgentsConfig.Agent marked = this.config.list().stream()
                .filter(a -> Boolean.TRUE.equals(a.isDefault())).findFirst()
                .orElse(this.config.list().isEmpty() ? null : this.config.list().get(0));
        for (AgentsConfig.Agent agent : this.config.list()) {
            if (agent.id() == null || agent.id().isBlank()) {
                continue;
            }
            String id = SessionKeys.normaliseAgentId(agent.id());
            List<ModelSpec> chain = catalog.agentIds().stream().anyMatch(a -> a.equalsIgnoreCase(agent.id()))
                    ? catalog.agentChain(agent.id()) : catalog.defaultChain();
            // the strictest of the defaults and the agent's own applies: an agent can narrow, never widen
            DataPolicy privacy = DataPolicy.of(defaults.privacy()).and(DataPolicy.of(agent.privacy()));
            byId.put(id, new AgentSpec(id, agent == marked, chain, workspace(agent.workspace(), defaults, id, env),
                    agent.tools(), ReasoningDisplay.parse(agent.reasoning()), privacy));
        }
        if (byId.isEmpty()) {
            byId.put(IMPLICIT_AGENT_ID, new AgentSpec(IMPLICIT_AGENT_ID, true, catalog.defaultChain(),
                    workspace(null, defaults, IMPLICIT_AGENT_ID, env), null, ReasoningDisplay.OFF,
                    DataPolicy.of(defaults.privacy())));
        }
        this.agents = Map.copyOf(byId);
        this.defaultAgent = byId.values().stream().filter(AgentSpec::isDefault).findFirst()
                .orElse(byId.values().iterator().next());
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** {@code agents.defaults}, for the context and compaction settings. */
    public AgentsConfig.Defaults defaults() {
        return config.defaults();
    }

    public AgentSpec defaultAgent() {
        return defaultAgent;
    }

    /** The agent with this id (case-insensitive); null or blank means the default agent. */
    public Optional<AgentSpec> find(String agentId) {
        if (agentId == null || agentId.isBlank()) {
            return Optional.of(defaultAgent);
        }
        return Optional.ofNullable(agents.get(agentId.trim().toLowerCase(java.util.Locale.ROOT)));
    }

    /** @throws UnknownAgentException naming the agents there are */
    public AgentSpec get(String agentId) {
        return find(agentId).orElseThrow(() -> new UnknownAgentException(agentId, ids()));
    }

    /** Agent ids, the default first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(defaultAgent.id());
        agents.keySet().stream().filter(id -> !id.equals(defaultAgent.id())).sorted().forEach(ids::add);
        return ids;
    }

    /**
     * {@code agents.list[].workspace}, else {@code agents.defaults.workspace/<agentId>}, else
     * {@code ~/.clawgate/workspace/<agentId>}; a leading {@code ~} is the environment's home.
     */
    static Path workspace(String explicit, AgentsConfig.Defaults defaults, String agentId, Environment env) {
        if (explicit != null && !explicit.isBlank()) {
            return expand(explicit.trim(), env);
        }
        if (defaults.workspace() != null && !defaults.workspace().isBlank()) {
            return expand(defaults.workspace().trim(), env).resolve(agentId);
        }
        return env.home().resolve(".clawgate").resolve("workspace").resolve(agentId);
    }

    private static Path expand(String path, Environment env) {
        if (path.equals("~")) {
            return env.home();
        }
        if (path.startsWith("~/")) {
            return env.home().resolve(path.substring(2));
        }
        Path p = Path.of(path);
        return p.isAbsolute() ? p : env.workingDirectory().resolve(p);
    }
}
