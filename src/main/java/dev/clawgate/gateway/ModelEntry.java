package dev.clawgate.gateway;

import java.util.List;

/**
 * One listed model.
 *
 * @param id the {@code provider/model} reference (may contain further '/')
 * @param ownedBy the provider id
 * @param contextWindow the effective context window in tokens, or null when unknown
 * @param aliases aliases that resolve to this model
 * @param kind {@code chat} or {@code embedding} (catalog {@code kind}), listed as such
 */
public record ModelEntry(String id, String ownedBy, Integer contextWindow, List<String> aliases, String kind) {

    /** A chat model. */
    public ModelEntry(String id, String ownedBy, Integer contextWindow, List<String> aliases) {
        this(id, ownedBy, contextWindow, aliases, "chat");
    }

    public ModelEntry {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
