/**
 * Shared state on the ground floor: the ports the stores of sessions, channels and budgets stand on
 * ({@link dev.clawgate.state.SqlDatabases}), and the ports for what several instances share (cooldowns, window and
 * reservation counters, turn locks, the event feed, the cluster view; {@link dev.clawgate.state.StateEngines}
 * bundles them). Imports no other Clawgate package. Its engines live in subpackages ({@code state.sqlite},
 * {@code state.jdbc}, {@code state.memory}, {@code state.redis}) and only the runtime at the top (gateway, cli)
 * imports them.
 */
package dev.clawgate.state;
