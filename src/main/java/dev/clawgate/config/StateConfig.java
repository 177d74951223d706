package dev.clawgate.config;

/**
 * The {@code state} section: where durable state lives, how long the ledger keeps it, and where instances that run
 * side by side keep what they share.
 *
 * @param database the shared database, or null for the SQLite files in the state directory
 * @param redis {@code state.redis}, or null: cooldowns, counters, turn locks and the event feed stay in-process
 * @param ledgerDays how many days the data-flow ledger keeps each upstream contact (null: {@link #DEFAULT_LEDGER_DAYS})
 */
public record StateConfig(Database database, Redis redis, Integer ledgerDays) {

    public static final int DEFAULT_LEDGER_DAYS = 30;
    public static final StateConfig DEFAULT = new StateConfig(null, null, null);
    public static final StateConfig EMPTY = DEFAULT;

    /** The retention in days, the default applied. */
    public int ledgerDaysOrDefault() {
        return ledgerDays != null ? ledgerDays : DEFAULT_LEDGER_DAYS;
    }

    /**
     * A PostgreSQL database, written either as one JDBC URL or as {@code { url, user, password }} (the secrets
     * usually {@code ${VAR}}). {@link #toString()} never shows the URL's parameters or the password.
     *
     * @param user null when the URL carries it (or the server needs none)
     * @param password null when the URL carries it (or the server needs none)
     */
    public record Database(String url, String user, String password) {
        @Override
        public String toString() {
            int query = url.indexOf('?');
            return "Database[" + (query >= 0 ? url.substring(0, query) : url) + ", user=" + user + "]";
        }
    }

    /**
     * {@code state.redis}: a URL string, or {@code { url, password }} with the password kept out of the URL.
     *
     * @param url {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://...} for TLS
     * @param password the password (usually {@code ${REDIS_PASSWORD}}), or null for the URL's own
     */
    public record Redis(String url, String password) {

        /** The URL without its password, for logs and status pages. */
        public String displayUrl() {
            return RedisUrls.withoutPassword(url);
        }

        @Override
        public String toString() {
            return "Redis[" + displayUrl() + (password != null ? ", password=<redacted>" : "") + "]";
        }
    }
}
