package dev.clawgate.gateway;

import java.util.List;

/**
 * One listed model.
 *
 * @param id the {@code provider/model} reference (may contain further '/')
 * @param ownedBy the provider id
 * @param contextWindow the effective context window in tokens, or null when unknown
 * @param aliases aliases that resolve to this model
 */
public record ModelEntry(String id, String ownedBy, Integer contextWindow, List<String> aliases) {

    public ModelEntry {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
