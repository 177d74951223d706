package dev.clawgate.state.sqlite;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import dev.clawgate.state.jdbc.JdbcDatabase;
import dev.clawgate.state.jdbc.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The default engine: one SQLite file per schema in the state directory ({@code sessions.db},
 * {@code channels.db}, {@code budget.db}, {@code ledger.db}), each on one connection (SQLite has a single writer), transactions
 * {@code BEGIN IMMEDIATE} so that a read-then-write transaction takes the write lock up front and cannot
 * deadlock against another process, foreign keys enforced.
 */
public final class SqliteDatabases implements SqlDatabases {

    private final Path folder;
    private final Map<String, JdbcDatabase> open = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** @param folder the state directory */
    public SqliteDatabases(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    /** The file that holds {@code schema}. */
    public Path file(SqlSchema schema) {
        return folder.resolve(schema.name() + ".db");
    }

    @Override
    public SqlDatabase open(SqlSchema schema) {
        lock.lock();
        try {
            JdbcDatabase db = open.get(schema.name());
            if (db == null) {
                Path file = file(schema);
                JdbcDatabase.Connector connector = () -> connect(file);
                SchemaMigrator.migrate(schema, SqlDatabase.Dialect.SQLITE, "SQLite " + file, connector);
                db = new JdbcDatabase(SqlDatabase.Dialect.SQLITE, "SQLite " + file, connector, 1);
                open.put(schema.name(), db);
            }
            return db;
        } finally {
            lock.unlock();
        }
    }

    /** Migrates {@code schema} without keeping its file open: {@code clawgate migrate}. */
    public SchemaMigrator.Outcome migrate(SqlSchema schema) {
        Path file = file(schema);
        return SchemaMigrator.migrate(schema, SqlDatabase.Dialect.SQLITE, "SQLite " + file, () -> connect(file));
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection;
        try {
            connection = DurableSqlite.open(file, config -> {
                config.enforceForeignKeys(true);
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            });
        } catch (IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), "08001", e);
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "";
            if (!"wal".equalsIgnoreCase(mode)) {
                // e.g. a file system without shared memory support: fail loudly rather than run unprotected
                connection.close();
                throw new StateDatabaseException("SQLite refused WAL journal mode for " + file + " (got " + mode + ")");
            }
        }
        return connection;
    }

    @Override
    public String describe() {
        return "SQLite files in " + folder;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            open.values().forEach(JdbcDatabase::close);
            open.clear();
        } finally {
            lock.unlock();
        }
    }
}
