package dev.clawgate.doctor;

import dev.clawgate.catalog.BuiltinProviders;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.NetworkLocality;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.GatewayConfig;
import dev.clawgate.doctor.Finding.Severity;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a configuration against the servers it names and reports each problem with its fix. Local
 * providers are always asked what they serve; hosted providers are contacted only by {@link ModelProbe}.
 */
public final class Doctor {

    private final ServerInventory inventory;

    public Doctor(ServerInventory inventory) {
        this.inventory = inventory;
    }

    public List<Finding> check(ModelCatalog catalog, GatewayConfig gateway) {
        List<Finding> findings = new ArrayList<>();
        checkGateway(gateway, findings);
        checkChain(catalog, findings);
        Map<String, List<ModelSpec>> byProvider = new LinkedHashMap<>();
        for (ModelSpec m : catalog.modelsInUse()) {
            byProvider.computeIfAbsent(m.provider().id(), k -> new ArrayList<>()).add(m);
        }
        for (List<ModelSpec> models : byProvider.values()) {
            checkProvider(models.get(0).provider(), models, findings);
        }
        return findings;
    }

    private static void checkGateway(GatewayConfig gateway, List<Finding> out) {
        boolean loopback = "loopback".equals(gateway.bind())
                || ("custom".equals(gateway.bind()) && gateway.customBindHost() != null
                        && isLoopbackHost(gateway.customBindHost()));
        // token, password and trusted-proxy all authenticate every request; only "none" exposes the models
        String mode = gateway.auth().mode();
        if (!loopback && (mode == null || !List.of("token", "password", "trusted-proxy").contains(mode))) {
            out.add(new Finding(Severity.ERROR, "gateway", "gateway.bind is \"" + gateway.bind()
                    + "\" but gateway.auth.mode is \"" + gateway.auth().mode()
                    + "\": anyone on the network could use your models and keys",
                    "set gateway.auth.mode: \"token\" and gateway.auth.token: \"${CLAWGATE_TOKEN}\" "
                            + "(generate one with `clawgate token`), or bind to loopback"));
        }
    }

    private static boolean isLoopbackHost(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static void checkChain(ModelCatalog catalog, List<Finding> out) {
        List<ModelSpec> chain = catalog.defaultChain();
        if (chain.size() == 1) {
            out.add(new Finding(Severity.WARNING, chain.get(0).ref(),
                    "the default chain has a single model and no fallback: when " + chain.get(0).ref()
                            + " is down, cold or out of credit, every request fails",
                    "add agents.defaults.model.fallbacks (e.g. a hosted model with its key set, and keep models.mode: \"merge\")"));
        }
    }

    private void checkProvider(ProviderSpec provider, List<ModelSpec> models, List<Finding> out) {
        String id = provider.id();
        if (provider.unusableReason() != null) {
            out.add(new Finding(Severity.ERROR, id, id + " is unusable: " + provider.unusableReason() + " (used by "
                    + String.join(", ", models.stream().map(ModelSpec::ref).toList()) + "); the router skips it",
                    "fix the cause, or take its models out of the chains"));
            return;
        }
        if (!provider.hasCredential() && !provider.isLocal()) {
            out.add(new Finding(Severity.ERROR, id, "no API key for " + id + " (used by "
                    + String.join(", ", models.stream().map(ModelSpec::ref).toList()) + ")",
                    "export " + BuiltinProviders.apiKeyEnv(id) + "=... (or put it in .env), or set models.providers."
                            + id + ".apiKey"));
        }
        URI uri = URI.create(provider.baseUrl());
        if ("http".equalsIgnoreCase(uri.getScheme()) && !NetworkLocality.isLocalUrl(provider.baseUrl())) {
            out.add(new Finding(Severity.WARNING, id, provider.baseUrl()
                    + " is plain http:// to a non-local host: prompts and the API key travel unencrypted",
                    "use https:// in models.providers." + id + ".baseUrl"));
        }
        if (!provider.isLocal()) {
            return;
        }
        ServerKind kind = ServerKind.of(provider);
        ServerReport report = inventory.inspect(provider, models.get(0).id());
        if (!report.reachable()) {
            out.add(new Finding(Severity.ERROR, id, kind.label + " is not running at " + provider.baseUrl() + " ("
                    + report.failure() + ")", kind.startHint + ", then check `curl " + listingUrl(provider)
                    + "`; or fix models.providers." + id + ".baseUrl"));
            return;
        }
        if (report.failure() != null) {
            out.add(new Finding(Severity.WARNING, id, "something answers at " + provider.baseUrl()
                    + " but not with a model list: " + report.failure(),
                    "check that models.providers." + id + ".baseUrl points at " + kind.label
                            + "'s OpenAI-compatible root (usually ending in /v1; Ollama without /v1)"));
        }
        if (Boolean.FALSE.equals(report.responsesEndpoint())) {
            out.add(new Finding(Severity.ERROR, id, kind.label + " at " + provider.baseUrl()
                    + " has no /responses endpoint (HTTP 404), but the provider uses api \"openai-responses\"",
                    "set models.providers." + id + ".api: \"openai-completions\" (or upgrade the server)"));
        }
        for (ModelSpec m : models) {
            checkModel(m, report, kind, out);
        }
        if (!report.models().isEmpty()) {
            out.add(new Finding(Severity.OK, id, kind.label + " at " + provider.baseUrl() + " has "
                    + String.join(", ", new TreeSet<>(report.models())),
                    "any of them can be used as " + id + "/<model> without declaring it (discovered at run time)"));
        }
    }

    private static void checkModel(ModelSpec m, ServerReport report, ServerKind kind, List<Finding> out) {
        if (!report.models().isEmpty() && !report.lists(m.id())) {
            out.add(new Finding(Severity.ERROR, m.ref(), kind.label + " does not list \"" + m.id() + "\"; it lists: "
                    + String.join(", ", new TreeSet<>(report.models())),
                    kind.modelHint.formatted(m.id()) + ", or fix the id in models.providers." + m.provider().id()
                            + ".models[]"));
            return;
        }
        if (report.loaded() != null && report.lists(m.id()) && !report.loaded().contains(m.id())
                && !report.loaded().contains(m.id() + ":latest")) {
            out.add(new Finding(Severity.WARNING, m.ref(), "\"" + m.id() + "\" is not loaded: the first request waits"
                    + " for a cold load (up to the provider's timeoutSeconds, " + m.provider().firstByteTimeout().toSeconds()
                    + " s) before falling back", kind.modelHint.formatted(m.id())
                    + ", or set models.providers." + m.provider().id() + ".params.keepWarm: \"5m\""));
        }
        Integer limit = report.contextLimits().get(m.id());
        if (limit == null) {
            limit = report.contextLimits().get(m.id() + ":latest");
        }
        if (limit != null && m.effectiveContextWindow() > limit) {
            out.add(new Finding(Severity.WARNING, m.ref(), "contextWindow is " + m.effectiveContextWindow()
                    + " tokens but " + kind.label + " runs \"" + m.id() + "\" with " + limit
                    + ": long conversations will fail with context-overflow errors instead of being compacted",
                    "set contextWindow: " + limit + " for this model, or raise " + kind.contextKnob));
        }
    }

    private static String listingUrl(ProviderSpec p) {
        if ("ollama".equals(p.api())) {
            return p.baseUrl() + "/api/tags";
        }
        return p.baseUrl() + "/models";
    }
}
