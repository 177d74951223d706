/**
 * The SQLite engine of {@link dev.clawgate.state.SqlDatabases}: one durable file per schema in the state
 * directory, the default for one instance. Imports only {@code state} and its JDBC engine; wired only by the
 * runtime at the top (gateway, cli).
 */
package dev.clawgate.state.sqlite;
