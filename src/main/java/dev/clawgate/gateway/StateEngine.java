package dev.clawgate.gateway;

import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.budget.JdbcSpendStore;
import dev.clawgate.channel.JdbcChannelStore;
import dev.clawgate.config.StateConfig;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.jdbc.PostgresDatabases;
import dev.clawgate.state.jdbc.SchemaMigrator;
import dev.clawgate.state.sqlite.SqliteDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the engine of the state database from {@code state.database}: the SQLite files in the state directory
 * (the default) or one PostgreSQL database. The one place, with the CLI that calls it, that names an engine.
 */
public final class StateEngine {

    /** Every schema Clawgate keeps, in the order they are migrated. */
    public static final List<SqlSchema> SCHEMAS = List.of(JdbcSessionStore.SCHEMA, JdbcChannelStore.SCHEMA,
            JdbcSpendStore.SCHEMA, dev.clawgate.ledger.JdbcLedgerStore.SCHEMA);

    private StateEngine() {}

    /** Opens nothing yet: a database is connected and migrated when a store first asks for it. */
    public static SqlDatabases open(StateConfig state, Path stateDir) {
        StateConfig.Database db = state == null ? null : state.database();
        if (db == null) {
            return new SqliteDatabases(stateDir);
        }
        return new PostgresDatabases(db.url(), db.user(), db.password());
    }

    /** Migrates every schema and says what it did, one line each ({@code clawgate migrate}). */
    public static List<String> migrateAll(SqlDatabases databases) {
        List<String> lines = new ArrayList<>();
        for (SqlSchema schema : SCHEMAS) {
            SchemaMigrator.Outcome outcome = switch (databases) {
                case SqliteDatabases sqlite -> sqlite.migrate(schema);
                case PostgresDatabases postgres -> postgres.migrate(schema);
                default -> throw new IllegalArgumentException("unknown engine " + databases);
            };
            lines.add(outcome.summary());
        }
        return lines;
    }
}
