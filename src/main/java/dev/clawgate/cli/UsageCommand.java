package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clawgate.budget.Budgets;
import dev.clawgate.budget.SpendStore;
import dev.clawgate.budget.JdbcSpendStore;
import dev.clawgate.ledger.JdbcLedgerStore;
import dev.clawgate.ledger.UsageGroups;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.config.ClawgateConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate usage [--json]}: every configured budget with what is spent, reserved and when it resets.
 * Asks the running gateway first (only it knows the reservations of calls in flight); without one, reads the
 * settled spend from {@code budget.db} in the state directory (nothing is reserved then).
 *
 * <p>{@code --by agent|key|model|provider [--since 24h|7d|2026-12-01]}: the answered calls in the data-flow ledger
 * summed per group (requests, tokens in and out, cost); settled calls are durable, so no gateway is asked.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Show each spending budget: limit, spent, reserved by calls in flight, and when it resets;"
                + " with --by, the settled calls per agent, key, model or provider.")
final class UsageCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    StateDirOption state;

    @Option(names = "--json", description = "Print one JSON object per budget: "
            + "{ scope, period, limitUsd, spentUsd, reservedUsd, resetsAt }.")
    boolean json;

    @Option(names = "--by", paramLabel = "WHAT", description = "Sum the settled calls per agent, key, model or "
            + "provider instead of listing budgets.")
    String by;

    @Option(names = "--since", paramLabel = "WHEN", description = "With --by: calls since 30m, 24h, 7d, a date "
            + "(2026-12-01, UTC) or an instant (default: 24h).")
    String since;

    @Option(names = "--gateway", paramLabel = "URL", description = "The running gateway to ask "
            + "(default: gateway.port of the config on 127.0.0.1).")
    String gatewayUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (by != null || since != null) {
            return byGroup(out);
        }
        ClawgateConfig loaded = CatalogSession.open(main.environment(), config.path).loaded().config();
        GatewayStatusClient.Live live = GatewayStatusClient.fetch(loaded.gateway(), gatewayUrl, main.environment(),
                Duration.ofSeconds(1));
        JsonNode budgets = live.status() != null && live.status().has("budgets") ? live.status().get("budgets")
                : offline(loaded);
        if (json) {
            budgets.forEach(b -> out.println(b.toString()));
        } else if (budgets.isEmpty()) {
            out.println("No budgets configured (set budget: { daily: 5, onExceeded: \"local-only\" } on gateway or "
                    + "agents.defaults).");
        } else {
            out.printf("%-20s %-8s %10s %10s %10s  %s%n", "SCOPE", "PERIOD", "LIMIT", "SPENT", "RESERVED", "RESETS");
            for (JsonNode b : budgets) {
                out.printf("%-20s %-8s %10s %10s %10s  %s%n", b.path("scope").asText(), b.path("period").asText(),
                        usd(b, "limitUsd"), usd(b, "spentUsd"), usd(b, "reservedUsd"), b.path("resetsAt").asText());
            }
            if (live.status() == null) {
                out.println("(" + live.unavailable() + ": settled spend only)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int byGroup(PrintWriter out) {
        UsageGroups.By group;
        Instant from;
        try {
            group = by == null ? UsageGroups.By.MODEL : UsageGroups.By.valueOf(by.strip().toUpperCase(Locale.ROOT));
            from = UsageGroups.since(since == null ? "24h" : since, Instant.now());
        } catch (IllegalArgumentException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage().startsWith("--since") ? e.getMessage()
                    : "--by '" + by + "' is not one of agent, key, model, provider");
            err.flush();
            return ExitCodes.INVALID;
        }
        ClawgateConfig loaded = CatalogSession.open(main.environment(), config.path).loaded().config();
        List<UsageGroups.Row> rows = List.of();
        if (!state.missingLocally(main.environment(), loaded.state(), "ledger.db")) {
            try (SqlDatabases databases = state.databases(main.environment(), loaded.state());
                    JdbcLedgerStore ledger = JdbcLedgerStore.open(databases)) {
                rows = UsageGroups.of(ledger.since(from, MAX_CALLS), group, Budgets.defaultAgentId(loaded.agents()));
            }
        }
        if (json) {
            rows.forEach(r -> out.println(r.toJson().toString()));
        } else if (rows.isEmpty()) {
            out.println("No model calls settled since " + from + ".");
        } else {
            out.printf("%-32s %9s %12s %12s %12s%n", group.label().toUpperCase(Locale.ROOT), "REQUESTS", "TOKENS IN",
                    "TOKENS OUT", "COST");
            for (UsageGroups.Row r : rows) {
                out.printf(Locale.ROOT, "%-32s %9d %12d %12d %12s%n", r.group(), r.requests(), r.tokensIn(),
                        r.tokensOut(), String.format(Locale.ROOT, "$%.4f", r.costUsd()));
            }
            out.println("(since " + from + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Bounds what one report reads into memory: a year of a busy gateway's answered calls. */
    private static final int MAX_CALLS = 2_000_000;

    private ArrayNode offline(ClawgateConfig loaded) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (state.missingLocally(main.environment(), loaded.state(), "budget.db")) {
            new Budgets(() -> loaded, SpendStore.inMemory(), Clock.systemUTC()).status().forEach(b -> list.add(b.toJson()));
            return list;
        }
        try (SqlDatabases databases = state.databases(main.environment(), loaded.state());
                SpendStore store = JdbcSpendStore.open(databases)) {
            new Budgets(() -> loaded, store, Clock.systemUTC()).status().forEach(b -> list.add(b.toJson()));
        }
        return list;
    }

    private static String usd(JsonNode b, String field) {
        return String.format(java.util.Locale.ROOT, "$%.4f", b.path(field).asDouble());
    }
}
