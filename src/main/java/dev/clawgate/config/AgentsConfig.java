package dev.clawgate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The {@code agents} section as written. Null means absent. */
public record AgentsConfig(Defaults defaults, List<Agent> list) {

    public static final AgentsConfig EMPTY = new AgentsConfig(Defaults.EMPTY, List.of());

    public AgentsConfig {
        defaults = defaults != null ? defaults : Defaults.EMPTY;
        list = list == null ? List.of() : List.copyOf(list);
    }

    /**
     * {@code agents.defaults}.
     *
     * @param models the alias/allowlist map keyed by {@code provider/model}, in file order
     * @param privacy the data policy of every call ({@code "local-only"} or regions), or null
     */
    public record Defaults(ModelChain model, Map<String, ModelEntry> models, Integer contextTokens,
            Integer timeoutSeconds, String workspace, Compaction compaction, PrivacyConfig privacy, ObjectNode params) {

        public static final Defaults EMPTY = new Defaults(null, Map.of(), null, null, null, null, null, null);

        public Defaults {
            models = models == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
        }
    }

    /**
     * A model chain: {@code "provider/model"} or {@code {primary, fallbacks}}. {@code fallbacks} is null
     * when not written (for an agent that means strict), empty when written as {@code []}.
     */
    public record ModelChain(String primary, List<String> fallbacks) {
        public ModelChain {
            fallbacks = fallbacks == null ? null : List.copyOf(fallbacks);
        }
    }

    /** A value of {@code agents.defaults.models}: {@code {alias, params}}. */
    public record ModelEntry(String alias, ObjectNode params) {}

    /** {@code agents.defaults.compaction}. */
    public record Compaction(String mode, String model, Integer reserveTokens, Integer keepRecentTokens) {}

    /** One {@code agents.list[]} entry. */
    public record Agent(String id, Boolean isDefault, ModelChain model, String workspace, Tools tools,
            PrivacyConfig privacy, String reasoning) {}

    /** An agent's tool policy. */
    public record Tools(String profile, List<String> allow, List<String> deny, Fs fs) {
        public Tools {
            allow = allow == null ? List.of() : List.copyOf(allow);
            deny = deny == null ? List.of() : List.copyOf(deny);
        }

        public Tools(String profile, List<String> allow, List<String> deny) {
            this(profile, allow, deny, null);
        }
    }

    /** {@code tools.fs}: lifts the file tools' protections (null keeps a protection on). */
    public record Fs(Boolean allowHardLinks, Boolean allowProtectedWrites) {}
}
