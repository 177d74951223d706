/**
 * Shared state on the ground floor: the ports the stores of sessions, channels and budgets stand on
 * ({@link dev.clawgate.state.SqlDatabases}, {@link dev.clawgate.state.WindowCounters}). Imports no other
 * Clawgate package. Its engines live in subpackages ({@code state.sqlite}, {@code state.jdbc},
 * {@code state.memory}) and only the runtime at the top (gateway, cli) imports them.
 */
package dev.clawgate.state;
