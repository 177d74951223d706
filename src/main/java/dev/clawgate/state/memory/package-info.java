/**
 * The in-process engine of the {@code state} ports: what one instance uses when no shared engine (Redis,
 * PostgreSQL) is configured. Imports only {@code state}.
 */
package dev.clawgate.state.memory;
