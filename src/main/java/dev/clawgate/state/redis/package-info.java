/**
 * The Redis engine of the {@code state} ports (Lettuce client): cooldowns and probe ownership, window and budget
 * reservation counters, the per-session turn lock, the live event feed and the cluster view, shared by every
 * instance on one Redis, each falling back to in-process state while Redis is down. Imports only {@code state} and
 * {@code state.memory}; only the runtime at the top ({@code gateway}, {@code cli}) imports this package.
 */
package dev.clawgate.state.redis;
