package dev.clawgate.state.jdbc;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.state.SqlSchema;
import dev.clawgate.state.StateDatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every schema in one PostgreSQL database, shared by any number of instances. Connections come from a small
 * pool ({@value #MAX_CONNECTIONS}) with short timeouts, so that a database that is down makes an agent turn
 * fail within seconds instead of hanging, and a database that comes back is used again without a restart.
 */
public final class PostgresDatabases implements SqlDatabases {

    public static final int MAX_CONNECTIONS = 4;
    /** Seconds; connect + login stay under the 5 s in which a turn must fail when the database is down. */
    static final int CONNECT_TIMEOUT_S = 2;
    static final int LOGIN_TIMEOUT_S = 3;
    /** Seconds a statement may wait for the server; every statement of the stores is a short indexed one. */
    static final int SOCKET_TIMEOUT_S = 4;

    private final String url;
    private final String user;
    private final String password;
    private final String description;
    private final JdbcDatabase pool;
    private final Set<String> migrated = new HashSet<>();
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param url {@code jdbc:postgresql://host:port/db}, optionally with {@code ?user=…&password=…}
     * @param user null to take it from the URL
     * @param password null to take it from the URL
     */
    public PostgresDatabases(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new StateDatabaseException("state.database must be a jdbc:postgresql://host:port/database URL");
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.description = describe(url);
        this.pool = new JdbcDatabase(SqlDatabase.Dialect.POSTGRESQL, description, () -> connect(SOCKET_TIMEOUT_S),
                MAX_CONNECTIONS);
    }

    /** {@code PostgreSQL host:port/db}: the URL without its parameters or user info, where passwords hide. */
    static String describe(String url) {
        String rest = url.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        rest = rest.startsWith("//") ? rest.substring(2) : rest;
        int at = rest.lastIndexOf('@');
        return "PostgreSQL " + (at >= 0 ? rest.substring(at + 1) : rest);
    }

    private Connection connect(int socketTimeoutSeconds) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_S));
        props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "clawgate");
        Connection connection = new org.postgresql.Driver().connect(url, props);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + description, "08001");
        }
        return connection;
    }

    @Override
    public SqlDatabase open(SqlSchema schema) {
        lock.lock();
        try {
            if (!migrated.contains(schema.name())) {
                migrate(schema);
                migrated.add(schema.name());
            }
            return pool;
        } finally {
            lock.unlock();
        }
    }

    /** Migrates {@code schema} (waiting for another instance that is migrating): {@code clawgate migrate}. */
    public SchemaMigrator.Outcome migrate(SqlSchema schema) {
        // no socket timeout: waiting on the advisory lock while another instance migrates is expected
        return SchemaMigrator.migrate(schema, SqlDatabase.Dialect.POSTGRESQL, description, () -> connect(0));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
