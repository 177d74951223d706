package dev.clawgate.config;

import java.util.List;

/** Binds the {@code state} section: {@code state.redis} as a URL string or {@code { url, password }}. */
final class StateBinder {

    private static final List<String> KEYS = List.of("redis");
    private static final List<String> REDIS_KEYS = List.of("url", "password");
    private static final String HINT = "e.g. state: { redis: \"redis://127.0.0.1:6379\" } or "
            + "{ redis: { url: \"rediss://cache.example:6380\", password: \"${REDIS_PASSWORD}\" } }";

    private StateBinder() {}

    static StateConfig bind(ObjectFields state) {
        if (state == null) {
            return null;
        }
        state.checkKeys(KEYS);
        var raw = state.raw("redis");
        if (raw == null || raw.isNull()) {
            return StateConfig.EMPTY;
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
                return StateConfig.EMPTY;
            }
            url = redis.nonEmptyString("url");
            password = redis.string("password");
            urlPath = redis.pathOf("url");
        } else {
            state.ctx().error(state.pathOf("redis"), "expected a redis:// URL or { url, password }", HINT);
            return StateConfig.EMPTY;
        }
        if (url == null) {
            return StateConfig.EMPTY;
        }
        String problem = RedisUrls.problem(url);
        if (problem != null) { // never echo the URL: it may hold the password
            state.ctx().error(urlPath, "the Redis URL " + problem, HINT);
            return StateConfig.EMPTY;
        }
        return new StateConfig(new StateConfig.Redis(url, password));
    }
}
