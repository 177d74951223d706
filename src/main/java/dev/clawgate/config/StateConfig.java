package dev.clawgate.config;

/**
 * The {@code state} section: how Clawgate keeps what it records, and where instances that run side by side keep
 * what they share.
 *
 * @param redis {@code state.redis}, or null: cooldowns, counters, turn locks and the event feed stay in-process
 * @param ledgerDays how many days the data-flow ledger keeps each upstream contact (null: {@link #DEFAULT_LEDGER_DAYS})
 */
public record StateConfig(Redis redis, Integer ledgerDays) {

    public static final int DEFAULT_LEDGER_DAYS = 30;
    public static final StateConfig DEFAULT = new StateConfig(null, null);
    public static final StateConfig EMPTY = DEFAULT;

    /** The retention in days, the default applied. */
    public int ledgerDaysOrDefault() {
        return ledgerDays != null ? ledgerDays : DEFAULT_LEDGER_DAYS;
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
