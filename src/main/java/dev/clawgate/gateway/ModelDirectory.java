package dev.clawgate.gateway;

import java.util.List;
import java.util.Optional;

/** The models {@code GET /v1/models} lists. The lead backs this with the catalog. */
public interface ModelDirectory {

    /** Every model a client may name, in listing order. */
    List<ModelEntry> models();

    /** The entry whose id or one of whose aliases is {@code idOrAlias} (aliases case-insensitive). */
    default Optional<ModelEntry> find(String idOrAlias) {
        for (ModelEntry m : models()) {
            if (m.id().equals(idOrAlias)) {
                return Optional.of(m);
            }
        }
        for (ModelEntry m : models()) {
            if (m.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(idOrAlias))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    static ModelDirectory of(List<ModelEntry> entries) {
        List<ModelEntry> copy = List.copyOf(entries);
        return () -> copy;
    }
}
