package dev.clawgate.cli;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelRef;
import dev.clawgate.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of {@code models list} (OpenClaw model layer §6.1): by default the models the config uses or
 * names (default chain, allowlist, configured rows, agent chains), with {@code all} the whole catalog.
 * References that resolve to nothing get a {@code missing} row so that a typo is visible here too.
 */
final class ModelListing {

    /** Which rows to show. */
    record Filter(boolean all, boolean localOnly, String provider) {}

    private final ModelCatalog catalog;
    private final List<String> fallbackKeys;
    private final String defaultKey;
    private final dev.clawgate.routing.LocalModelDiscovery discovery; // null: no server is asked

    ModelListing(ModelCatalog catalog) {
        this(catalog, null);
    }

    /** With {@code discovery}, {@code --all} and {@code --local} add what local servers list. */
    ModelListing(ModelCatalog catalog, dev.clawgate.routing.LocalModelDiscovery discovery) {
        this.discovery = discovery;
        this.catalog = catalog;
        this.defaultKey = keyOf(catalog.primaryRef());
        this.fallbackKeys = catalog.fallbackRefs().stream().map(this::keyOf).toList();
    }

    List<ModelRow> rows(Filter filter) {
        Map<String, ModelRow> rows = new LinkedHashMap<>();
        for (String ref : namedRefs()) {
            String key = keyOf(ref);
            if (!rows.containsKey(key)) {
                rows.put(key, catalog.tryResolve(ref).map(this::row).orElseGet(() -> missingRow(key)));
            }
        }
        for (ModelSpec m : filter.all() ? catalog.models() : catalog.models().stream().filter(ModelSpec::configured).toList()) {
            rows.putIfAbsent(m.ref(), row(m));
        }
        if (discovery != null && (filter.all() || filter.localOnly())) {
            addServerModels(rows);
        }
        List<ModelRow> out = new ArrayList<>();
        for (ModelRow row : rows.values()) {
            if (filter.localOnly() && !Boolean.TRUE.equals(row.local())) {
                continue;
            }
            if (filter.provider() != null && !providerOf(row.key()).equalsIgnoreCase(filter.provider().trim())) {
                continue;
            }
            out.add(row);
        }
        return out;
    }

    /** What each local provider's server lists and the config does not declare, tagged {@code discovered}. */
    private void addServerModels(Map<String, ModelRow> rows) {
        for (var provider : catalog.providers()) {
            if (!provider.isLocal() || provider.unusableReason() != null) {
                continue;
            }
            discovery.listing(provider).ifPresent(listing -> listing.ids().stream().sorted().forEach(id ->
                    rows.putIfAbsent(provider.id() + "/" + id, new ModelRow(provider.id() + "/" + id, id, "text",
                            listing.contextWindow(id), null, true, true, List.of("discovered"), false))));
        }
    }

    /** Every reference the config writes: the default chain, the allowlist, then agent chains. */
    private List<String> namedRefs() {
        List<String> refs = new ArrayList<>();
        refs.add(catalog.primaryRef());
        refs.addAll(catalog.fallbackRefs());
        catalog.allowlist().stream().filter(k -> !k.endsWith("/*")).forEach(refs::add);
        for (String agent : catalog.agentIds()) {
            catalog.agentChain(agent).forEach(m -> refs.add(m.ref()));
        }
        return refs;
    }

    private ModelRow row(ModelSpec m) {
        Integer cap = m.contextTokens() != null && m.contextTokens() != m.contextWindow() ? m.contextTokens() : null;
        return new ModelRow(m.ref(), m.name(), String.join("+", m.input()), m.contextWindow(), cap,
                m.provider().isLocal(), m.provider().authAvailable(), tags(m.ref(), m), false);
    }

    private ModelRow missingRow(String key) {
        List<String> tags = new ArrayList<>(tags(key, null));
        tags.add("missing");
        return new ModelRow(key, null, null, null, null, null, null, tags, true);
    }

    /** OpenClaw's tag order: default, fallback#N, configured, alias:<a,b>. */
    private List<String> tags(String key, ModelSpec model) {
        List<String> tags = new ArrayList<>();
        if (key.equals(defaultKey)) {
            tags.add("default");
        }
        int fallback = fallbackKeys.indexOf(key);
        if (fallback >= 0) {
            tags.add("fallback#" + (fallback + 1));
        }
        boolean configured = (model != null && model.configured()) || catalog.allowlist().contains(key);
        if (configured) {
            tags.add("configured");
        }
        List<String> aliases = model == null ? List.of() : catalog.aliasesFor(key);
        if (!aliases.isEmpty()) {
            tags.add("alias:" + String.join(",", aliases));
        }
        return tags;
    }

    /** The catalog's spelling of a reference when it resolves, else the reference normalized. */
    private String keyOf(String ref) {
        Optional<ModelSpec> m = catalog.tryResolve(ref);
        if (m.isPresent()) {
            return m.get().ref();
        }
        return ModelRef.parse(ref).map(ModelRef::key).orElse(ref.trim());
    }

    private static String providerOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}
