/**
 * Sessions, transcripts and the usage ledger behind {@link dev.clawgate.agent.store.SessionStore}, with the
 * JDBC implementation on SQLite or PostgreSQL, the fencing of a turn's writes against a lapsed turn lease
 * ({@code SessionFence}, {@link dev.clawgate.agent.store.SessionTakenOverException}), the
 * {@link dev.clawgate.agent.store.MessageJson} codec, session keys and per-session run locks. Migration scripts
 * live in {@code src/main/resources/db/migration/<common|sqlite|postgresql>/sessions/}.
 */
package dev.clawgate.agent.store;
