package dev.clawgate.config;

/**
 * The {@code state} section: where durable state lives.
 *
 * @param database the shared database, or null for the SQLite files in the state directory
 */
public record StateConfig(Database database) {

    public static final StateConfig DEFAULT = new StateConfig(null);

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
}
