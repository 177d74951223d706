/**
 * Shared state on the ground floor: what the stores of sessions, channels and budgets have in common. Imports no
 * other Clawgate package; every package that keeps state may import it.
 */
package dev.clawgate.state;
