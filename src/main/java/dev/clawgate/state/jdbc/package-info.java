/**
 * The JDBC engines of {@link dev.clawgate.state.SqlDatabases}: a small reconnecting connection pool
 * ({@link dev.clawgate.state.jdbc.JdbcDatabase}), Flyway migrations with a cheap up-to-date check
 * ({@link dev.clawgate.state.jdbc.SchemaMigrator}) and the shared PostgreSQL database. Imports only
 * {@code state}; wired only by the runtime at the top (gateway, cli).
 */
package dev.clawgate.state.jdbc;
