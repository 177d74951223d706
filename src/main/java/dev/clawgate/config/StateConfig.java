package dev.clawgate.config;

/**
 * The {@code state} section: where instances that run side by side keep what they share.
 *
 * @param redis {@code state.redis}, or null: cooldowns, counters, turn locks and the event feed stay in-process
 */
public record StateConfig(Redis redis) {

    public static final StateConfig EMPTY = new StateConfig(null);

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
