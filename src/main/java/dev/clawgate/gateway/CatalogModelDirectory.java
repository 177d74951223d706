package dev.clawgate.gateway;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.CatalogChainResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models} from the catalog: the agent targets, then the models some chain uses, then every configured or allowlisted
 * model, each with its aliases. Hosted built-in rows nobody configured are left out so that the list shows
 * what this gateway is set up to serve, not the whole catalog.
 */
public final class CatalogModelDirectory implements ModelDirectory {

    private final Supplier<ModelCatalog> catalog;
    private final Supplier<List<String>> agentTargets;

    /** @param agentTargets model names that run an agent ({@code clawgate}, {@code clawgate/<id>}), listed first */
    public CatalogModelDirectory(Supplier<ModelCatalog> catalog, Supplier<List<String>> agentTargets) {
        this.catalog = catalog;
        this.agentTargets = agentTargets;
    }

    @Override
    public List<ModelEntry> models() {
        ModelCatalog c = catalog.get();
        Map<String, ModelSpec> listed = new LinkedHashMap<>();
        c.modelsInUse().forEach(m -> listed.putIfAbsent(m.ref(), m));
        for (ModelSpec m : c.models()) {
            // listed == servable: a configured row the allowlist refuses is not offered
            if ((m.configured() || c.allowlist().contains(m.ref())) && CatalogChainResolver.servable(c, m.ref())) {
                listed.putIfAbsent(m.ref(), m);
            }
        }
        List<ModelEntry> out = new ArrayList<>();
        for (String target : agentTargets.get()) {
            out.add(new ModelEntry(target, "clawgate", null, List.of()));
        }
        for (ModelSpec m : listed.values()) {
            out.add(new ModelEntry(m.ref(), m.provider().id(), m.effectiveContextWindow(), c.aliasesFor(m.ref()),
                    m.kind()));
        }
        return out;
    }
}
