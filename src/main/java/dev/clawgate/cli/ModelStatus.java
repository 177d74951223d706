package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.BuiltinProviders;
import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.PrivacyConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code models status} (OpenClaw model layer §6.1): the config in use, the default chain, aliases, the
 * allowlist, the providers the chains use with where their key comes from (never the key), and which of
 * them lack a credential.
 */
final class ModelStatus {

    /** A provider some chain uses, with the models that use it. */
    record ProviderInUse(ProviderSpec provider, List<String> models) {
        boolean missingAuth() {
            return !provider.authAvailable();
        }

        String keyDescription() {
            return provider.apiKeySource() != null ? provider.apiKeySource() : "MISSING";
        }

        String envVar() {
            return BuiltinProviders.apiKeyEnv(provider.id());
        }
    }

    private final ModelCatalog catalog;
    private final String configPath;
    private final String configReason;

    private final DataPolicy privacy;
    private final GatewayStatusClient.Live live;

    /**
     * @param privacy {@code agents.defaults.privacy} ({@code local-only}, regions) or null
     * @param live what the running gateway said about its cooldowns, or null when not asked
     */
    ModelStatus(ModelCatalog catalog, String configPath, String configReason, PrivacyConfig privacy,
            GatewayStatusClient.Live live) {
        this.catalog = catalog;
        this.configPath = configPath;
        this.configReason = configReason;
        this.privacy = DataPolicy.of(privacy);
        this.live = live;
    }

    ModelStatus(ModelCatalog catalog, String configPath, String configReason) {
        this(catalog, configPath, configReason, null, null);
    }

    /** Models of the chains that the data policy ({@code local-only}, regions) keeps from ever being contacted. */
    List<ModelSpec> blockedByPrivacy() {
        if (!privacy.restricts()) {
            return List.of();
        }
        return catalog.modelsInUse().stream().filter(m -> privacy.refusal(m) != null).toList();
    }

    List<ProviderInUse> providersInUse() {
        Map<String, List<String>> models = new LinkedHashMap<>();
        Map<String, ProviderSpec> providers = new LinkedHashMap<>();
        for (ModelSpec m : catalog.modelsInUse()) {
            providers.putIfAbsent(m.provider().id(), m.provider());
            models.computeIfAbsent(m.provider().id(), k -> new ArrayList<>()).add(m.ref());
        }
        return providers.values().stream().map(p -> new ProviderInUse(p, List.copyOf(models.get(p.id())))).toList();
    }

    /** True when a model some chain uses has no way to authenticate (exit code 2). */
    boolean missingCredentials() {
        return providersInUse().stream().anyMatch(p -> p.missingAuth() || p.provider().unusableReason() != null);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("Config: ").append(configPath).append(" (").append(configReason).append(")\n");
        out.append("Default: ").append(describe(catalog.primaryRef())).append('\n');
        List<String> fallbacks = catalog.fallbackRefs().stream().map(this::describe).toList();
        out.append("Fallbacks (").append(fallbacks.size()).append("): ")
                .append(fallbacks.isEmpty() ? "-" : String.join(", ", fallbacks)).append('\n');
        out.append("Aliases (").append(catalog.aliases().size()).append("): ");
        List<String> aliases = new ArrayList<>();
        catalog.aliases().forEach((alias, target) -> aliases.add(alias + " -> " + target));
        out.append(aliases.isEmpty() ? "-" : String.join(", ", aliases)).append('\n');
        out.append("Configured models (").append(catalog.allowlist().size()).append("): ")
                .append(catalog.allowlist().isEmpty() ? "all" : String.join(", ", catalog.allowlist())).append('\n');
        out.append('\n').append("Providers in use:\n");
        List<ProviderInUse> inUse = providersInUse();
        if (inUse.isEmpty()) {
            out.append("- none\n");
        }
        for (ProviderInUse p : inUse) {
            out.append("- ").append(p.provider().id()).append(' ').append(p.provider().baseUrl())
                    .append(" api=").append(p.provider().api()).append(" key=").append(p.keyDescription()).append('\n');
        }
        List<ProviderInUse> unusable = inUse.stream().filter(p -> p.provider().unusableReason() != null).toList();
        if (!unusable.isEmpty()) {
            out.append('\n').append("Unusable (skipped by the router):\n");
            for (ProviderInUse p : unusable) {
                out.append("- ").append(p.provider().id()).append(": ").append(p.provider().unusableReason())
                        .append("; used by ").append(String.join(", ", p.models())).append('\n');
            }
        }
        List<ProviderInUse> missing = inUse.stream().filter(ProviderInUse::missingAuth).toList();
        if (!missing.isEmpty()) {
            out.append('\n').append("Missing auth:\n");
            for (ProviderInUse p : missing) {
                out.append("- ").append(p.provider().id()).append(": set ").append(p.envVar())
                        .append(" (or models.providers.").append(p.provider().id()).append(".apiKey); used by ")
                        .append(String.join(", ", p.models())).append('\n');
            }
        }
        if (privacy.regions() != null) {
            List<ModelSpec> blocked = blockedByPrivacy();
            out.append('\n').append(privacy.localOnly()
                    ? "Privacy: local-only (agents.defaults.privacy): only providers in region local are contacted"
                    : "Privacy: " + privacy.describe() + " (agents.defaults.privacy): only providers in those regions"
                            + " are contacted");
            out.append(blocked.isEmpty() ? "\n" : "; never contacted: " + String.join(", ",
                    blocked.stream().map(m -> m.ref() + " (" + m.provider().baseUri().getHost() + ")").toList()) + "\n");
        }
        if (live != null) {
            out.append('\n').append("Cooldowns:\n");
            if (live.status() == null) {
                out.append("- unknown: ").append(live.unavailable()).append('\n');
            } else if (live.status().path("cooldowns").isEmpty()) {
                out.append("- none (gateway at ").append(live.url()).append(")\n");
            } else {
                for (JsonNode c : live.status().path("cooldowns")) {
                    out.append("- ").append(c.path("key").asText()).append(": ").append(c.path("reason").asText())
                            .append(", ").append(c.path("remainingSeconds").asLong()).append(" s left, ")
                            .append(c.path("failures").asInt()).append(" failure(s)")
                            .append(c.path("probing").asBoolean() ? ", probe in flight" : "").append('\n');
                }
            }
            if (live.status() != null) {
                ClusterStatusText.append(live.status().path("cluster"), out);
            }
        }
        return out.toString();
    }

    ObjectNode json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("configPath", configPath);
        root.put("configReason", configReason);
        root.put("defaultModel", catalog.primaryRef());
        root.put("resolvedDefault", catalog.tryResolve(catalog.primaryRef()).map(ModelSpec::ref).orElse(null));
        ArrayNode fallbacks = root.putArray("fallbacks");
        catalog.fallbackRefs().forEach(fallbacks::add);
        ObjectNode aliases = root.putObject("aliases");
        catalog.aliases().forEach(aliases::put);
        ArrayNode allowed = root.putArray("allowed");
        catalog.allowlist().forEach(allowed::add);
        ObjectNode auth = root.putObject("auth");
        ArrayNode providers = auth.putArray("providers");
        ArrayNode missing = auth.putArray("missingProvidersInUse");
        for (ProviderInUse p : providersInUse()) {
            ObjectNode node = providers.addObject();
            node.put("provider", p.provider().id());
            node.put("baseUrl", p.provider().baseUrl());
            node.put("api", p.provider().api());
            node.put("local", p.provider().isLocal());
            node.put("key", p.provider().apiKeySource());
            node.put("available", !p.missingAuth());
            node.put("unusableReason", p.provider().unusableReason());
            ArrayNode models = node.putArray("models");
            p.models().forEach(models::add);
            if (p.missingAuth()) {
                missing.addObject().put("provider", p.provider().id()).put("envVar", p.envVar());
            }
        }
        root.put("privacy", privacy.restricts() ? privacy.describe() : null);
        ArrayNode blocked = root.putArray("blockedByPrivacy");
        blockedByPrivacy().forEach(m -> blocked.add(m.ref()));
        ArrayNode cooldowns = root.putArray("cooldowns");
        if (live != null && live.status() != null) {
            live.status().path("cooldowns").forEach(cooldowns::add);
        }
        root.put("gateway", live == null ? null : live.status() != null ? live.url() : live.unavailable());
        if (live != null && live.status() != null && live.status().has("cluster")) {
            root.set("cluster", live.status().get("cluster"));
        }
        return root;
    }

    /** {@code resolved (from raw)} when they differ, {@code raw (missing)} when it resolves to nothing. */
    private String describe(String raw) {
        Optional<ModelSpec> m = catalog.tryResolve(raw);
        if (m.isEmpty()) {
            return raw + " (missing)";
        }
        return m.get().ref().equals(raw) ? raw : m.get().ref() + " (from " + raw + ")";
    }
}
