package dev.clawgate.gateway;

import dev.clawgate.agent.store.JdbcResponseStore;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.budget.JdbcSpendStore;
import dev.clawgate.budget.SpendStore;
import dev.clawgate.config.StateConfig;
import dev.clawgate.ledger.JdbcLedgerStore;
import dev.clawgate.ledger.LedgerWriter;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import dev.clawgate.state.StateEngines;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one gateway keeps state in: the state database ({@code state.database}, SQLite files by default) with its
 * stores (each opened on first use: sessions, stored responses, settled spend, the data-flow ledger) and
 * the state engines ({@code state.redis}, else process memory). Opened in that order and closed in the reverse
 * one, also when a start fails partway, so that no Redis client, ledger thread or connection outlives it.
 */
final class GatewayState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class); // the runtime's, as before

    private final SqlDatabases databases;
    private final SpendStore spend;
    private final StateEngines engines;
    private final LedgerWriter ledger;
    private final Clock clock;
    private final OpenedOnFirstUse<JdbcSessionStore> sessions;
    private final OpenedOnFirstUse<JdbcResponseStore> responses;

    private GatewayState(SqlDatabases databases, SpendStore spend, StateEngines engines, LedgerWriter ledger,
            Clock clock) {
        this.databases = databases;
        this.spend = spend;
        this.engines = engines;
        this.ledger = ledger;
        this.clock = clock;
        this.sessions = OpenedOnFirstUse.closing(() -> JdbcSessionStore.open(databases));
        // a view of the session database: nothing of its own to close
        this.responses = new OpenedOnFirstUse<>(() -> new JdbcResponseStore(sessions(), clock), store -> {});
    }

    /**
     * Opens nothing of the database yet (each store connects and migrates on first use); connects the state
     * engine (in the background while Redis is down) and starts the ledger's writer.
     *
     * @param address where this instance listens, for the cluster view
     */
    static GatewayState open(StateConfig config, Path stateDir, Supplier<String> address, Clock clock) {
        SqlDatabases databases = StateEngine.open(config, stateDir);
        // settled spend survives a restart in the state database; reservations are in memory (or Redis)
        SpendStore spend = new LazySpendStore(() -> JdbcSpendStore.open(databases));
        StateEngines engines = null;
        try {
            // state.redis: cooldowns, reservations, turn locks and the event feed shared by instances
            engines = SharedStateWiring.open(config, address, clock);
            // every upstream contact goes to the state database's ledger, written off the request path
            LedgerWriter ledger = new LedgerWriter(new LazyLedgerStore(() -> JdbcLedgerStore.open(databases)), clock,
                    Duration.ofDays(config.ledgerDaysOrDefault()));
            return new GatewayState(databases, spend, engines, ledger, clock);
        } catch (RuntimeException e) {
            throw closeAfter(e, engines, spend, databases);
        }
    }

    /**
     * Closes {@code opened} (nulls skipped) in the order given, each even when one before it failed.
     *
     * @param failure what went wrong before, or null
     * @return {@code failure} with the closing failures added as suppressed, or the first of them; null: none
     */
    static RuntimeException closeAfter(RuntimeException failure, AutoCloseable... opened) {
        RuntimeException first = failure;
        for (AutoCloseable c : opened) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    StateEngines engines() {
        return engines;
    }

    SqlDatabases databases() {
        return databases;
    }

    SpendStore spend() {
        return spend;
    }

    LedgerWriter ledger() {
        return ledger;
    }

    /** The session database, opened on first use so that a gateway serving only models never opens it. */
    JdbcSessionStore sessions() {
        return sessions.get();
    }

    /** The stored Responses answers, in the session database. */
    JdbcResponseStore responses() {
        return responses.get();
    }

    /**
     * Brings every schema of the state database up to date before serving (instances starting together take
     * turns on PostgreSQL's advisory lock). A database that is down does not stop the gateway: proxy calls need
     * none, and each store migrates on first use once the database is back.
     */
    void migrate() {
        for (SqlSchema schema : StateEngine.SCHEMAS) {
            try {
                databases.open(schema);
            } catch (StateDatabaseException e) {
                LOG.warn("{}; serving proxy calls, agent turns fail until the state database is back", e.getMessage());
                return;
            }
        }
    }

    /** Call after the router has stopped: what the last streams recorded is written before this returns. */
    @Override
    public void close() {
        RuntimeException failure = closeAfter(null, sessions, ledger, engines, spend, databases);
        if (failure != null) {
            throw failure;
        }
    }
}
