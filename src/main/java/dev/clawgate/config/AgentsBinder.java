package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds and checks the {@code agents} section. Whether model references resolve is the catalog's
 * business (it knows the built-in providers); this checks shape, types and enums.
 */
final class AgentsBinder {

    private static final List<String> AGENTS_KEYS = List.of("defaults", "list");
    private static final List<String> DEFAULTS_KEYS = List.of("model", "models", "contextTokens", "timeoutSeconds",
            "workspace", "compaction", "privacy", "params", "budget");
    private static final List<String> CHAIN_KEYS = List.of("primary", "fallbacks");
    private static final List<String> ENTRY_KEYS = List.of("alias", "params");
    private static final List<String> COMPACTION_KEYS = List.of("mode", "model", "reserveTokens", "keepRecentTokens");
    private static final List<String> AGENT_KEYS = List.of("id", "default", "model", "workspace", "tools", "privacy",
            "reasoning", "budget");
    private static final List<String> TOOLS_KEYS = List.of("profile", "allow", "deny", "fs");
    private static final List<String> FS_KEYS = List.of("allowHardLinks", "allowProtectedWrites");
    static final List<String> PRIVACY = List.of("local-only");
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private AgentsBinder() {}

    static AgentsConfig bind(ObjectFields agents) {
        if (agents == null) {
            return null;
        }
        agents.checkKeys(AGENTS_KEYS);
        return new AgentsConfig(defaults(agents.object("defaults")), list(agents));
    }

    private static AgentsConfig.Defaults defaults(ObjectFields d) {
        if (d == null) {
            return null;
        }
        d.checkKeys(DEFAULTS_KEYS);
        return new AgentsConfig.Defaults(chain(d, "model"), modelEntries(d.object("models")),
                d.positiveInt("contextTokens"), d.positiveInt("timeoutSeconds"), d.nonEmptyString("workspace"),
                compaction(d.object("compaction")), d.oneOf("privacy", PRIVACY, List.of()), d.anyObject("params"));
    }

    /** {@code "provider/model"} or {@code {primary, fallbacks}}. */
    private static AgentsConfig.ModelChain chain(ObjectFields parent, String key) {
        JsonNode value = parent.raw(key);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String primary = parent.nonEmptyString(key);
            return primary == null ? null : new AgentsConfig.ModelChain(primary, null);
        }
        if (!value.isObject()) {
            parent.ctx().error(parent.pathOf(key), "expected \"provider/model\" or {primary, fallbacks}, found "
                    + JsonTypes.describe(value), null);
            return null;
        }
        ObjectFields chain = parent.object(key);
        chain.checkKeys(CHAIN_KEYS);
        String primary = chain.nonEmptyString("primary");
        List<String> fallbacks = chain.stringList("fallbacks");
        if (fallbacks != null) {
            for (int i = 0; i < fallbacks.size(); i++) {
                if (fallbacks.get(i).isBlank()) {
                    chain.ctx().error(ConfigPaths.index(chain.pathOf("fallbacks"), i), "must not be empty", null);
                }
            }
        }
        return new AgentsConfig.ModelChain(primary, fallbacks);
    }

    private static Map<String, AgentsConfig.ModelEntry> modelEntries(ObjectFields models) {
        if (models == null) {
            return null;
        }
        Map<String, AgentsConfig.ModelEntry> out = new LinkedHashMap<>();
        for (String ref : models.keys()) {
            ObjectFields entry = ObjectFields.of(models.raw(ref), models.pathOf(ref), models.ctx());
            if (entry == null) {
                continue;
            }
            entry.checkKeys(ENTRY_KEYS);
            String alias = entry.nonEmptyString("alias");
            if (alias != null && alias.contains("/")) {
                entry.ctx().error(entry.pathOf("alias"), "an alias must not contain '/', found '" + alias + "'",
                        "'/' separates provider and model in a reference, so such an alias could never be used");
                alias = null;
            }
            out.put(ref, new AgentsConfig.ModelEntry(alias, entry.anyObject("params")));
        }
        return out;
    }

    private static AgentsConfig.Compaction compaction(ObjectFields c) {
        if (c == null) {
            return null;
        }
        c.checkKeys(COMPACTION_KEYS);
        return new AgentsConfig.Compaction(c.oneOf("mode", List.of("default", "safeguard"), List.of()),
                c.nonEmptyString("model"), c.nonNegativeInt("reserveTokens"), c.nonNegativeInt("keepRecentTokens"));
    }

    private static List<AgentsConfig.Agent> list(ObjectFields agents) {
        JsonNode list = agents.raw("list");
        if (list == null) {
            return null;
        }
        String listPath = agents.pathOf("list");
        if (!list.isArray()) {
            agents.ctx().error(listPath, "expected a list of agents, found " + JsonTypes.describe(list), null);
            return null;
        }
        List<AgentsConfig.Agent> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String firstDefault = null;
        for (int i = 0; i < list.size(); i++) {
            String path = ConfigPaths.index(listPath, i);
            AgentsConfig.Agent agent = agent(ObjectFields.of(list.get(i), path, agents.ctx()));
            if (agent == null) {
                continue;
            }
            if (agent.id() != null && !ids.add(agent.id())) {
                agents.ctx().error(ConfigPaths.child(path, "id"), "agent id '" + agent.id() + "' is used twice", null);
            }
            if (Boolean.TRUE.equals(agent.isDefault())) {
                if (firstDefault != null) {
                    agents.ctx().error(ConfigPaths.child(path, "default"), "more than one agent is marked default"
                            + " (also '" + firstDefault + "')", null);
                } else {
                    firstDefault = agent.id();
                }
            }
            out.add(agent);
        }
        return out;
    }

    private static AgentsConfig.Agent agent(ObjectFields a) {
        if (a == null) {
            return null;
        }
        a.checkKeys(AGENT_KEYS);
        a.require("id");
        String id = a.nonEmptyString("id");
        if (id != null && !AGENT_ID.matcher(id).matches()) {
            a.ctx().error(a.pathOf("id"), "an agent id may contain only letters, digits, '-' and '_', found '"
                    + id + "'", null);
        }
        return new AgentsConfig.Agent(id, a.bool("default"), chain(a, "model"), a.nonEmptyString("workspace"),
                tools(a.object("tools")), a.oneOf("privacy", PRIVACY, List.of()),
                a.oneOf("reasoning", List.of("off", "on", "stream"), List.of()));
    }

    private static AgentsConfig.Tools tools(ObjectFields t) {
        if (t == null) {
            return null;
        }
        t.checkKeys(TOOLS_KEYS);
        return new AgentsConfig.Tools(t.oneOf("profile", List.of("minimal", "messaging", "full"), List.of("coding")),
                t.stringList("allow"), t.stringList("deny"), fs(t.object("fs")));
    }

    private static AgentsConfig.Fs fs(ObjectFields f) {
        if (f == null) {
            return null;
        }
        f.checkKeys(FS_KEYS, java.util.Set.of("workspaceOnly")); // OpenClaw's; Clawgate's file tools are always confined
        return new AgentsConfig.Fs(f.bool("allowHardLinks"), f.bool("allowProtectedWrites"));
    }
}
