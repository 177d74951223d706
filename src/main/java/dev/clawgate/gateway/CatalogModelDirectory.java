package dev.clawgate.gateway;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models} from the catalog: the models some chain uses, then every configured or allowlisted
 * model, each with its aliases. Hosted built-in rows nobody configured are left out so that the list shows
 * what this gateway is set up to serve, not the whole catalog.
 */
public final class CatalogModelDirectory implements ModelDirectory {

    private final Supplier<ModelCatalog> catalog;

    public CatalogModelDirectory(Supplier<ModelCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<ModelEntry> models() {
        ModelCatalog c = catalog.get();
        Map<String, ModelSpec> listed = new LinkedHashMap<>();
        c.modelsInUse().forEach(m -> listed.putIfAbsent(m.ref(), m));
        for (ModelSpec m : c.models()) {
            if (m.configured() || (!c.allowlist().isEmpty() && c.allowlist().contains(m.ref()))) {
                listed.putIfAbsent(m.ref(), m);
            }
        }
        List<ModelEntry> out = new ArrayList<>();
        for (ModelSpec m : listed.values()) {
            out.add(new ModelEntry(m.ref(), m.provider().id(), m.effectiveContextWindow(), c.aliasesFor(m.ref())));
        }
        return out;
    }
}
