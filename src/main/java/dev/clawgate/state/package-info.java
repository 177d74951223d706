/**
 * Shared state on the ground floor: what the stores of sessions, channels and budgets have in common, and the ports
 * for what several instances share (cooldowns, window and reservation counters, turn locks, the event feed, the
 * cluster view; {@link dev.clawgate.state.StateEngines} bundles them). Imports no other Clawgate package; every
 * package that keeps state may import it. Engines live in subpackages and only the top wires them.
 */
package dev.clawgate.state;
