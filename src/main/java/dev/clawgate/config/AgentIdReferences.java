package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Agent ids named outside {@code agents} ({@code bindings[].agentId}, {@code broadcast}, heartbeat, system
 * agent, talk) must name an agent that exists, as OpenClaw requires: {@code main}, an {@code agents.list[].id}
 * or a key of {@code agents.entries}, compared without case. Checked on the raw tree, because Clawgate binds
 * none of these sections; a dangling id would otherwise route messages to nobody without a word.
 */
final class AgentIdReferences {

    private AgentIdReferences() {}

    static void check(JsonNode root, BindContext ctx) {
        Set<String> ids = new TreeSet<>();
        ids.add("main");
        JsonNode agents = root.path("agents");
        for (JsonNode agent : agents.path("list")) {
            if (agent.path("id").isTextual()) {
                ids.add(normalize(agent.path("id").textValue()));
            }
        }
        agents.path("entries").fieldNames().forEachRemaining(id -> ids.add(normalize(id)));
        JsonNode bindings = root.path("bindings");
        for (int i = 0; i < bindings.size(); i++) {
            check(bindings.get(i).path("agentId"), ConfigPaths.index("bindings", i) + ".agentId", ids, ctx);
        }
        JsonNode broadcast = root.path("broadcast");
        for (String peer : broadcast instanceof ObjectNode map ? EnvSubstitution.fieldNames(map) : List.<String>of()) {
            String peerPath = ConfigPaths.child("broadcast", peer);
            JsonNode value = broadcast.get(peer);
            JsonNode list = value.isObject() ? value.path("agents") : value;
            String listPath = value.isObject() ? peerPath + ".agents" : peerPath;
            for (int i = 0; list.isArray() && i < list.size(); i++) {
                check(list.get(i), ConfigPaths.index(listPath, i), ids, ctx);
            }
        }
        check(agents.path("defaults").path("heartbeat").path("agentId"), "agents.defaults.heartbeat.agentId", ids, ctx);
        check(agents.path("defaults").path("systemAgent").path("agentId"), "agents.defaults.systemAgent.agentId",
                ids, ctx);
        check(root.path("talk").path("agentId"), "talk.agentId", ids, ctx);
    }

    private static void check(JsonNode value, String path, Set<String> ids, BindContext ctx) {
        if (!value.isTextual() || ids.contains(normalize(value.textValue()))) {
            return;
        }
        String hint = Suggestions.didYouMean(normalize(value.textValue()), ids);
        ctx.error(path, "unknown agent id '" + value.textValue() + "' (agents here: " + String.join(", ", ids) + ")",
                hint != null ? hint : "add it to agents.list (or agents.entries), or name an agent that exists");
    }

    private static String normalize(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }
}
