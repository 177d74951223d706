package dev.clawgate.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Resolves model references (OpenClaw model layer §3.4): an alias (case-insensitive, only for strings
 * without '/'), a {@code provider/model} ref split on the first '/', or a bare model id that exactly one
 * provider has. Model ids match exactly first, then case-insensitively when that is unambiguous.
 *
 * <p>The models are indexed by provider and by id: the router resolves references on every request, and a linear
 * scan of the catalog was half of a proxied request's CPU with a catalog of ~90 providers.
 */
final class ReferenceResolver {

    private final Map<String, ProviderSpec> providers;
    private final List<ModelSpec> models;
    /** Lower-cased alias to its target reference. */
    private final Map<String, String> aliasIndex;
    /** Aliases as written, offered as suggestions. */
    private final List<String> aliasNames;
    /** Provider id to its models, in catalog order. */
    private final Map<String, List<ModelSpec>> byProvider;
    /** Model id as written to the models (of any provider) with that id, in catalog order. */
    private final Map<String, List<ModelSpec>> byId;
    /** Lower-cased model id to the models with that id in any case, in catalog order. */
    private final Map<String, List<ModelSpec>> byLowerCaseId;

    ReferenceResolver(Map<String, ProviderSpec> providers, List<ModelSpec> models, Map<String, String> aliasIndex,
            List<String> aliasNames) {
        this.providers = providers;
        this.models = models;
        this.aliasIndex = aliasIndex;
        this.aliasNames = aliasNames;
        this.byProvider = index(models, m -> m.provider().id());
        this.byId = index(models, ModelSpec::id);
        this.byLowerCaseId = index(models, m -> m.id().toLowerCase(Locale.ROOT));
    }

    private static Map<String, List<ModelSpec>> index(List<ModelSpec> models,
            Function<ModelSpec, String> key) {
        Map<String, List<ModelSpec>> index = new HashMap<>();
        for (ModelSpec m : models) {
            index.computeIfAbsent(key.apply(m), k -> new ArrayList<>()).add(m);
        }
        index.replaceAll((k, list) -> List.copyOf(list));
        return Map.copyOf(index);
    }

    Optional<ModelSpec> find(String providerId, String modelId) {
        if (providerId == null || modelId == null) {
            return Optional.empty();
        }
        String provider = ModelRef.normalizeProvider(providerId);
        String id = modelId.trim();
        return unique(byProvider.getOrDefault(provider, List.of()), id);
    }

    ModelSpec resolve(String refOrAlias) {
        if (refOrAlias == null || refOrAlias.isBlank()) {
            throw new ModelRefException(String.valueOf(refOrAlias), "empty model reference", List.of());
        }
        String raw = refOrAlias.trim();
        if (raw.indexOf('/') < 0) {
            String target = aliasIndex.get(raw.toLowerCase(Locale.ROOT));
            if (target != null) {
                return resolveAliasTarget(raw, target);
            }
            return resolveBareId(raw);
        }
        ModelRef ref = ModelRef.parse(raw).orElseThrow(() -> failure(raw,
                "invalid model reference \"" + raw + "\" (expected provider/model)", suggestions(raw)));
        if (!providers.containsKey(ref.provider())) {
            List<String> near = NearestMatches.of(raw, Stream.concat(allRefs().stream(),
                    providers.keySet().stream().map(p -> p + "/" + ref.model())).toList());
            throw failure(raw, "unknown provider \"" + ref.provider() + "\" in \"" + raw + "\"", near);
        }
        return find(ref.provider(), ref.model()).orElseThrow(() -> {
            List<ModelSpec> sameCase = candidates(ref.provider(), ref.model());
            if (sameCase.size() > 1) {
                return failure(raw, "model id \"" + ref.model() + "\" matches several " + ref.provider()
                        + " models that differ only in case", refs(sameCase));
            }
            return failure(raw, "unknown model \"" + raw + "\"", suggestions(raw));
        });
    }

    Optional<ModelSpec> tryResolve(String refOrAlias) {
        try {
            return Optional.of(resolve(refOrAlias));
        } catch (ModelRefException e) {
            return Optional.empty();
        }
    }

    /** Every catalog ref and alias, closest to {@code query} first. */
    List<String> suggestions(String query) {
        List<String> candidates = new ArrayList<>(allRefs());
        candidates.addAll(aliasNames);
        return NearestMatches.of(query, candidates);
    }

    private ModelSpec resolveAliasTarget(String alias, String target) {
        if (target.indexOf('/') < 0) {
            return resolveBareId(target);
        }
        try {
            return resolve(target);
        } catch (ModelRefException e) {
            throw failure(alias, "alias \"" + alias + "\" points to \"" + target + "\", which " + e.reason(),
                    e.suggestions());
        }
    }

    private ModelSpec resolveBareId(String id) {
        List<ModelSpec> exact = byId.getOrDefault(id, List.of());
        List<ModelSpec> matches = exact.isEmpty()
                ? byLowerCaseId.getOrDefault(id.toLowerCase(Locale.ROOT), List.of()) : exact;
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            String reason = "model id \"" + id + "\" is ambiguous: " + matches.size()
                    + " providers have it; write provider/model";
            throw new ModelRefException(id, reason, reason + " (candidates: "
                    + String.join(", ", refs(matches)) + ")", refs(matches));
        }
        throw failure(id, "unknown model \"" + id + "\" (no alias and no provider has this id)", suggestions(id));
    }

    private Optional<ModelSpec> unique(List<ModelSpec> ofProvider, String id) {
        for (ModelSpec m : ofProvider) {
            if (m.id().equals(id)) {
                return Optional.of(m);
            }
        }
        List<ModelSpec> caseless = ofProvider.stream().filter(m -> m.id().equalsIgnoreCase(id)).toList();
        return caseless.size() == 1 ? Optional.of(caseless.get(0)) : Optional.empty();
    }

    private List<ModelSpec> candidates(String provider, String id) {
        return byProvider.getOrDefault(provider, List.of()).stream().filter(m -> m.id().equalsIgnoreCase(id))
                .toList();
    }

    private List<String> allRefs() {
        return refs(models);
    }

    private static List<String> refs(List<ModelSpec> specs) {
        return specs.stream().map(ModelSpec::ref).toList();
    }

    private static ModelRefException failure(String reference, String reason, List<String> suggestions) {
        String message = suggestions.isEmpty() ? reason
                : reason + "; did you mean " + String.join(", ", suggestions) + "?";
        return new ModelRefException(reference, reason, message, suggestions);
    }
}
