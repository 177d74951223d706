/**
 * Sessions, transcripts and the usage ledger behind {@link dev.clawgate.agent.store.SessionStore}, with the
 * embedded SQLite implementation, the {@link dev.clawgate.agent.store.MessageJson} codec, session keys and
 * per-session run locks. Migration scripts live in {@code src/main/resources/db/sqlite/}.
 */
package dev.clawgate.agent.store;
