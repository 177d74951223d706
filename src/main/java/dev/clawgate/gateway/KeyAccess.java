package dev.clawgate.gateway;

import dev.clawgate.config.GatewayConfig;
import dev.clawgate.routing.PrivacyPolicy;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.state.WindowCounters;
import dev.clawgate.wire.Usage;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * What a client key may do, checked per request after {@link TokenAuthenticator} named the key: the models it
 * may ask for ({@code models}), its {@code privacy} (added to the route options, never relaxing the agent's)
 * and its {@code rateLimit}, counted in one-minute fixed windows on {@link WindowCounters} so that a shared
 * engine makes the limit hold across instances. Reads the current keys per call: a reload applies at once.
 */
final class KeyAccess {

    static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    /** A refusal to answer in the API's shape; {@code retryAfter} is non-null for a rate limit. */
    record Refusal(ApiError error, Duration retryAfter) {

        /** A rate-limit refusal tells the client when the window opens again; every endpoint says it alike. */
        void retryAfterHeader(io.helidon.webserver.http.ServerResponse res) {
            if (retryAfter != null) {
                res.header(io.helidon.http.HeaderNames.RETRY_AFTER, ChatEndpoint.retryAfterSeconds(retryAfter));
            }
        }
    }

    private final Supplier<ClientKeys> keys;
    private final WindowCounters counters;
    private final Clock clock;
    private final BiPredicate<String, String> sameModel;

    /**
     * @param sameModel whether a requested model and an entry of {@code models} name the same model (a
     *     reference and its alias); exact matches (ignoring case) need no help
     */
    KeyAccess(Supplier<ClientKeys> keys, WindowCounters counters, Clock clock, BiPredicate<String, String> sameModel) {
        this.keys = keys;
        this.counters = counters;
        this.clock = clock;
        this.sameModel = sameModel;
    }

    /** Access for tests and gateways without client keys: everything allowed, nothing counted. */
    static KeyAccess none() {
        return new KeyAccess(() -> ClientKeys.NONE, (k, s, w, d) -> d, Clock.systemUTC(), (a, b) -> false);
    }

    /** True when {@code keyId} (null: the gateway token) may use {@code model}. */
    boolean allows(String keyId, String model) {
        ClientKeys.Key key = keys.get().byId(keyId);
        if (key == null || key.config().models().isEmpty()) {
            return true;
        }
        String wanted = model == null ? "" : model.strip();
        for (String allowed : key.config().models()) {
            if (allowed.strip().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))
                    || sameModel.test(wanted, allowed.strip())) {
                return true;
            }
        }
        return false;
    }

    /** Why this request must not be routed, or null: a model the key may not use (403), a rate limit (429). */
    Refusal check(String keyId, String model) {
        ClientKeys.Key key = keys.get().byId(keyId);
        if (key == null) {
            return null;
        }
        if (!allows(keyId, model)) {
            return new Refusal(new ApiError(403, ApiError.Kind.PERMISSION, "Client key '" + key.id()
                    + "' may not use the model '" + model + "'; it may use: " + String.join(", ", key.config().models())
                    + " (gateway.auth.keys[].models)", "model", "model_not_allowed"), null);
        }
        GatewayConfig.RateLimit rate = key.config().rateLimit();
        if (rate == null) {
            return null;
        }
        long now = clock.millis();
        long windowStart = now - Math.floorMod(now, WINDOW_MILLIS);
        Duration untilNext = Duration.ofMillis(windowStart + WINDOW_MILLIS - now);
        if (rate.tokensPerMinute() != null) {
            long used = counters.add(tokensKey(key.id()), windowStart, WINDOW_MILLIS, 0);
            if (used >= rate.tokensPerMinute()) {
                return rateLimited(key.id(), "tokens", used + " tokens used of " + rate.tokensPerMinute()
                        + " per minute (rateLimit.tokensPerMinute)", untilNext);
            }
        }
        if (rate.requestsPerMinute() != null) {
            long count = counters.add(requestsKey(key.id()), windowStart, WINDOW_MILLIS, 1);
            if (count > rate.requestsPerMinute()) {
                return rateLimited(key.id(), "requests", "limit " + rate.requestsPerMinute()
                        + " requests per minute (rateLimit.requestsPerMinute)", untilNext);
            }
        }
        return null;
    }

    /** {@code base} attributed to the key, with the key's privacy on top (the strictest applies). */
    RouteOptions options(String keyId, RouteOptions base) {
        ClientKeys.Key key = keys.get().byId(keyId);
        if (key == null) {
            return base;
        }
        return PrivacyPolicy.apply(base.forKey(key.id()), key.config().privacy());
    }

    /** Counts a finished call's tokens against the key's {@code tokensPerMinute}. */
    void used(String keyId, Usage usage) {
        ClientKeys.Key key = keys.get().byId(keyId);
        if (key == null || usage == null || key.config().rateLimit() == null
                || key.config().rateLimit().tokensPerMinute() == null) {
            return;
        }
        long tokens = usage.totalInputTokens() + usage.outputTokens();
        long now = clock.millis();
        counters.add(tokensKey(key.id()), now - Math.floorMod(now, WINDOW_MILLIS), WINDOW_MILLIS, tokens);
    }

    private static Refusal rateLimited(String keyId, String what, String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Refusal(new ApiError(429, ApiError.Kind.RATE_LIMIT, "Client key '" + keyId + "' is rate limited ("
                + what + "): " + detail + "; retry in " + seconds + " s", null, "rate_limited"), retryAfter);
    }

    private static String requestsKey(String keyId) {
        return "clawgate:key:" + keyId + ":requests";
    }

    private static String tokensKey(String keyId) {
        return "clawgate:key:" + keyId + ":tokens";
    }
}
