package dev.clawgate.config;

import java.util.List;

/**
 * Binds {@code state}: {@code database} as a JDBC URL string or {@code { url, user, password }}, {@code redis} as a
 * URL string or {@code { url, password }}, and {@code ledgerDays}. Errors name the field, never a URL (it may hold
 * a password).
 */
final class StateBinder {

    private static final List<String> STATE_KEYS = List.of("database", "redis", "ledgerDays");
    private static final List<String> DATABASE_KEYS = List.of("url", "user", "password");
    private static final List<String> REDIS_KEYS = List.of("url", "password");
    private static final String URL_PREFIX = "jdbc:postgresql://";
    private static final String EXAMPLE = "use \"jdbc:postgresql://host:5432/clawgate\" or "
            + "{ url: \"jdbc:postgresql://host:5432/clawgate\", user: \"clawgate\", password: \"${PGPASSWORD}\" }";
    private static final String REDIS_HINT = "e.g. state: { redis: \"redis://127.0.0.1:6379\" } or "
            + "{ redis: { url: \"rediss://cache.example:6380\", password: \"${REDIS_PASSWORD}\" } }";

    private StateBinder() {}

    static StateConfig bind(ObjectFields state) {
        if (state == null) {
            return null;
        }
        state.checkKeys(STATE_KEYS);
        Integer ledgerDays = state.intInRange("ledgerDays", 1, 3650, "a number of days from 1 to 3650");
        return new StateConfig(database(state), redis(state), ledgerDays);
    }

    private static StateConfig.Database database(ObjectFields state) {
        var raw = state.raw("database");
        if (raw == null || raw.isNull()) {
            return null;
        }
        if (raw.isTextual()) {
            String url = url(state, "database", raw.textValue());
            return url == null ? null : new StateConfig.Database(url, null, null);
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
        return url == null ? null : new StateConfig.Database(url, user, password);
    }

    /** The URL when it is a PostgreSQL JDBC URL; the error names the field, never the value. */
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

    private static StateConfig.Redis redis(ObjectFields state) {
        var raw = state.raw("redis");
        if (raw == null || raw.isNull()) {
            return null;
        }
        String url;
        String password = null;
        String urlPath;
        if (raw.isTextual()) {
            url = state.nonEmptyString("redis");
            urlPath = state.pathOf("redis");
        } else if (raw.isObject()) {
            ObjectFields redis = state.object("redis");
            redis.checkKeys(REDIS_KEYS);
            if (!redis.require("url")) {
                return null;
            }
            url = redis.nonEmptyString("url");
            password = redis.string("password");
            urlPath = redis.pathOf("url");
        } else {
            state.ctx().error(state.pathOf("redis"), "expected a redis:// URL or { url, password }", REDIS_HINT);
            return null;
        }
        if (url == null) {
            return null;
        }
        String problem = RedisUrls.problem(url);
        if (problem != null) {
            state.ctx().error(urlPath, "the Redis URL " + problem, REDIS_HINT);
            return null;
        }
        return new StateConfig.Redis(url, password);
    }
}
