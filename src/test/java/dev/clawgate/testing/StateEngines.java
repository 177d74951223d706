package dev.clawgate.testing;

import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.jdbc.PostgresDatabases;
import dev.clawgate.state.sqlite.SqliteDatabases;
import java.nio.file.Path;

/**
 * The engines the store suites run on ("one suite, two engines"): the SQLite files in a folder, or a database of
 * the shared {@link PostgresServer}. The same folder always gives the same PostgreSQL database, so a test that
 * closes and reopens its store sees its data again.
 */
public enum StateEngines {
    SQLITE {
        @Override
        public SqlDatabases open(Path dir) {
            return new SqliteDatabases(dir);
        }
    },
    POSTGRESQL {
        @Override
        public SqlDatabases open(Path dir) {
            return new PostgresDatabases(PostgresEngineDatabase.forFolder(dir), null, null);
        }
    };

    /** The state databases for {@code dir} on this engine; close them when done. */
    public abstract SqlDatabases open(Path dir);
}
