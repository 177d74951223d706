package dev.clawgate.config;

import java.util.List;

/**
 * Binds the {@code state} section: {@code state.redis} as a URL string or {@code { url, password }}, and
 * {@code state.ledgerDays}.
 */
final class StateBinder {

    private static final List<String> KEYS = List.of("redis", "ledgerDays");
    private static final List<String> REDIS_KEYS = List.of("url", "password");
    private static final String HINT = "e.g. state: { redis: \"redis://127.0.0.1:6379\" } or "
            + "{ redis: { url: \"rediss://cache.example:6380\", password: \"${REDIS_PASSWORD}\" } }";

    private StateBinder() {}

    static StateConfig bind(ObjectFields state) {
        if (state == null) {
            return null;
        }
        state.checkKeys(KEYS);
        Integer ledgerDays = state.intInRange("ledgerDays", 1, 3650, "a number of days from 1 to 3650");
        return new StateConfig(redis(state), ledgerDays);
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
            state.ctx().error(state.pathOf("redis"), "expected a redis:// URL or { url, password }", HINT);
            return null;
        }
        if (url == null) {
            return null;
        }
        String problem = RedisUrls.problem(url);
        if (problem != null) { // never echo the URL: it may hold the password
            state.ctx().error(urlPath, "the Redis URL " + problem, HINT);
            return null;
        }
        return new StateConfig.Redis(url, password);
    }
}
