package dev.clawgate.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves model references (OpenClaw model layer §3.4): an alias (case-insensitive, only for strings
 * without '/'), a {@code provider/model} ref split on the first '/', or a bare model id that exactly one
 * provider has. Model ids match exactly first, then case-insensitively when that is unambiguous.
 */
final class ReferenceResolver {

    private final Map<String, ProviderSpec> providers;
    private final List<ModelSpec> models;
    /** Lower-cased alias to its target reference. */
    private final Map<String, String> aliasIndex;
    /** Aliases as written, offered as suggestions. */
    private final List<String> aliasNames;

    ReferenceResolver(Map<String, ProviderSpec> providers, List<ModelSpec> models, Map<String, String> aliasIndex,
            List<String> aliasNames) {
        this.providers = providers;
        this.models = models;
        this.aliasIndex = aliasIndex;
        this.aliasNames = aliasNames;
    }

    Optional<ModelSpec> find(String providerId, String modelId) {
        if (providerId == null || modelId == null) {
            return Optional.empty();
        }
        String provider = ModelRef.normalizeProvider(providerId);
        String id = modelId.trim();
        List<ModelSpec> ofProvider = models.stream().filter(m -> m.provider().id().equals(provider)).toList();
        return unique(ofProvider, id);
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
        List<ModelSpec> exact = models.stream().filter(m -> m.id().equals(id)).toList();
        List<ModelSpec> matches = exact.isEmpty()
                ? models.stream().filter(m -> m.id().equalsIgnoreCase(id)).toList() : exact;
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
        return models.stream().filter(m -> m.provider().id().equals(provider) && m.id().equalsIgnoreCase(id))
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
