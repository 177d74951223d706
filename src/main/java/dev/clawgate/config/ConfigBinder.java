package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/** Binds the effective tree to {@link ClawgateConfig}, strictly, collecting every problem. */
final class ConfigBinder {

    /** {@code $schema} is accepted silently: editors use it for completion. */
    private static final List<String> ROOT_KEYS = List.of("models", "agents", "gateway", "$schema", "channels", "bindings",
            "env", "state");

    private ConfigBinder() {}

    /**
     * The config (partial when problems were found: callers check the problem list). Warnings are not put
     * into it; the caller adds them once every stage has run.
     */
    static ClawgateConfig bind(JsonNode root, Path source, BindContext ctx) {
        ObjectFields fields = ObjectFields.of(root, "", ctx);
        if (fields == null) {
            return new ClawgateConfig(null, null, null, source, List.of());
        }
        fields.checkKeys(ROOT_KEYS);
        EnvBlock.check(fields.object("env"));
        ModelsConfig models = ModelsBinder.bind(fields.object("models"));
        AgentsConfig agents = AgentsBinder.bind(fields.object("agents"));
        GatewayConfig gateway = GatewayBinder.bind(fields.object("gateway"));
        ChannelsConfig channels = ChannelsBinder.bind(fields.object("channels"), fields.raw("bindings"),
                fields.pathOf("bindings"), ctx);
        BudgetsConfig budgets = BudgetsBinder.bind(fields);
        StateConfig state = StateBinder.bind(fields.object("state"));
        ctx.reportIgnoredKeys();
        AgentIdReferences.check(root, ctx);
        return new ClawgateConfig(models, agents, gateway, source, List.of(), channels, budgets, state);
    }
}
