package dev.clawgate.agent;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelRefException;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.RouteOptions;
import java.util.List;

/**
 * The model a session's calls go to: the request model for the router, the route options, and the model
 * the context is budgeted against (the first candidate).
 *
 * <p>An agent's chain is passed as an explicit fallback list rather than by naming its primary: the chain
 * resolver continues a named model down the first configured chain that contains it, which would be the
 * default chain when it shares the agent's primary. A model picked with {@code /model} (or for one turn) is
 * strict: no fallbacks.
 */
record ModelSelection(String requestModel, RouteOptions options, ModelSpec primary, boolean pinned) {

    static ModelSelection forAgent(AgentSpec agent) {
        if (agent.chain().isEmpty()) {
            throw new AgentRunException("Agent " + agent.id() + " has no usable model: set agents.defaults.model.primary "
                    + "(or the agent's model) to a model in the catalog.");
        }
        List<String> fallbacks = agent.chain().subList(1, agent.chain().size()).stream().map(ModelSpec::ref).toList();
        return new ModelSelection(agent.primary().ref(), new RouteOptions(fallbacks, agent.dataPolicy()).forAgent(agent.id()),
                agent.primary(), false);
    }

    static ModelSelection pinned(ModelSpec model, AgentSpec agent) {
        return new ModelSelection(model.ref(), new RouteOptions(List.of(), agent.dataPolicy()).forAgent(agent.id()), model, true);
    }

    /** The session's selection: an override (turn or session) when given, else the agent's chain. */
    static ModelSelection of(AgentSpec agent, String override, ModelCatalog catalog) {
        if (override == null || override.isBlank()) {
            return forAgent(agent);
        }
        return pinned(resolveAllowed(override, catalog), agent);
    }

    /** A catalog model that an explicit pick may use. */
    static ModelSpec resolveAllowed(String refOrAlias, ModelCatalog catalog) {
        ModelSpec model;
        try {
            model = catalog.resolve(refOrAlias.trim());
        } catch (ModelRefException e) {
            String hint = e.suggestions().isEmpty() ? "" : " Did you mean " + String.join(", ", e.suggestions()) + "?";
            throw new AgentRunException("Unknown model \"" + refOrAlias.trim() + "\"." + hint);
        }
        if (!catalog.isAllowed(model.ref())) {
            throw new AgentRunException("Model " + model.ref() + " is not allowed: agents.defaults.models is an "
                    + "allowlist and does not name it.");
        }
        return model;
    }
}
