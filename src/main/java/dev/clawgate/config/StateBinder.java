package dev.clawgate.config;

import java.util.List;

/** Binds {@code state}: {@code database} as a JDBC URL string or {@code { url, user, password }}. */
final class StateBinder {

    private static final List<String> STATE_KEYS = List.of("database");
    private static final List<String> DATABASE_KEYS = List.of("url", "user", "password");
    private static final String URL_PREFIX = "jdbc:postgresql://";
    private static final String EXAMPLE = "use \"jdbc:postgresql://host:5432/clawgate\" or "
            + "{ url: \"jdbc:postgresql://host:5432/clawgate\", user: \"clawgate\", password: \"${PGPASSWORD}\" }";

    private StateBinder() {}

    static StateConfig bind(ObjectFields state) {
        if (state == null) {
            return null;
        }
        state.checkKeys(STATE_KEYS);
        var raw = state.raw("database");
        if (raw == null || raw.isNull()) {
            return StateConfig.DEFAULT;
        }
        if (raw.isTextual()) {
            String url = url(state, "database", raw.textValue());
            return url == null ? null : new StateConfig(new StateConfig.Database(url, null, null));
        }
        ObjectFields db = state.object("database");
        if (db == null) {
            state.ctx().error(state.pathOf("database"), "must be a JDBC URL string or an object", EXAMPLE);
            return null;
        }
        db.checkKeys(DATABASE_KEYS);
        if (!db.require("url")) {
            return null;
        }
        String url = url(db, "url", db.string("url"));
        String user = db.nonEmptyString("user");
        String password = db.string("password");
        return url == null ? null : new StateConfig(new StateConfig.Database(url, user, password));
    }

    /** The URL when it is a PostgreSQL JDBC URL; the error names the field, never the value (it may hold a password). */
    private static String url(ObjectFields parent, String key, String value) {
        if (value == null) {
            return null;
        }
        if (!value.startsWith(URL_PREFIX)) {
            parent.ctx().error(parent.pathOf(key), "must be a PostgreSQL JDBC URL starting with " + URL_PREFIX
                    + " (leave state.database out to keep the SQLite files in the state directory)", EXAMPLE);
            return null;
        }
        return value;
    }
}
