package dev.clawgate.gateway;

import java.security.MessageDigest;
import java.time.Duration;

/**
 * Checks the gateway token or a client key's token ({@code gateway.auth.keys}), sent as
 * {@code Authorization: Bearer <token>} (OpenAI clients) or {@code x-api-key: <token>} (Anthropic clients).
 * Comparison is constant-time over SHA-256 digests, so neither the token's content nor its length leaks
 * through timing. Configured client keys switch authentication on even in mode {@code none}: a key with
 * limits that an anonymous request could bypass would limit nothing.
 */
final class TokenAuthenticator {

    sealed interface Outcome {
        /**
         * @param user the user a trusted proxy authenticated ({@code gateway.auth.mode "trusted-proxy"}), or null
         * @param keyId the client key that authenticated, or null for the gateway token or no auth
         */
        record Allowed(String user, String keyId) implements Outcome {
            Allowed() {
                this(null, null);
            }

            static Allowed user(String user) {
                return new Allowed(user, null);
            }

            static Allowed key(String keyId) {
                return new Allowed(null, keyId);
            }
        }

        record Denied(String message, String reason) implements Outcome {}

        record Throttled(Duration retryAfter, String message) implements Outcome {}
    }

    private volatile byte[] tokenDigest; // swapped on reload (update)
    private volatile ClientKeys keys = ClientKeys.NONE; // swapped on reload (keys)
    private volatile TrustedProxyAuthenticator trustedProxy; // non-null in gateway.auth.mode "trusted-proxy"
    private final AuthFailureLimiter limiter;
    private volatile int maxFailures;

    /** {@code token} null means auth mode none: everything is allowed. */
    TokenAuthenticator(String token, int maxFailuresPerMinute) {
        this.tokenDigest = token == null ? null : sha256(token);
        this.maxFailures = maxFailuresPerMinute;
        this.limiter = new AuthFailureLimiter(maxFailuresPerMinute, System::nanoTime);
    }

    /** A reloaded token (null: auth mode none) and failure limit, for the next request. */
    void update(String token, int maxFailuresPerMinute) {
        this.tokenDigest = token == null ? null : sha256(token);
        this.maxFailures = maxFailuresPerMinute;
        limiter.maxFailures(maxFailuresPerMinute);
    }

    /** Reloaded client keys, for the next request. */
    void keys(ClientKeys next) {
        this.keys = next;
    }

    /** {@code gateway.auth.mode: "trusted-proxy"} (null: token or none), for the next request. */
    void trustedProxy(dev.clawgate.config.GatewayConfig.TrustedProxy config) {
        this.trustedProxy = config == null ? null : new TrustedProxyAuthenticator(config);
    }

    /** The trusted-proxy check when that mode is on, else the token check. */
    Outcome check(java.util.function.Function<String, String> header, java.net.InetAddress peer, String clientAddress) {
        TrustedProxyAuthenticator proxy = trustedProxy;
        if (proxy != null) {
            return proxy.check(header, peer);
        }
        return check(header.apply("authorization"), header.apply("x-api-key"), clientAddress);
    }

    /**
     * A valid token is always allowed, however many wrong ones came from the same address: every local
     * process (and every client behind a proxy) shares 127.0.0.1, so a throttle on the address must never
     * lock out the owner. Only failing attempts are throttled; the answer to a throttled wrong attempt is
     * 429 whatever was presented, so a guesser learns nothing until the window passes.
     */
    Outcome check(String authorization, String apiKey, String clientAddress) {
        byte[] expected = tokenDigest;
        ClientKeys clientKeys = keys;
        if (expected == null && clientKeys.isEmpty()) {
            return new Outcome.Allowed();
        }
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (apiKey != null) {
            presented = apiKey.trim();
        }
        boolean missing = presented == null || presented.isEmpty();
        if (!missing) {
            byte[] digest = sha256(presented);
            boolean gatewayToken = expected != null && MessageDigest.isEqual(expected, digest);
            ClientKeys.Key key = clientKeys.match(digest);
            if (gatewayToken) {
                return new Outcome.Allowed();
            }
            if (key != null) {
                return Outcome.Allowed.key(key.id());
            }
        }
        Duration blocked = limiter.blockedFor(clientAddress);
        if (blocked != null) {
            long secs = Math.max(1, (blocked.toMillis() + 999) / 1000);
            return new Outcome.Throttled(Duration.ofSeconds(secs), "Too many failed authentication attempts from "
                    + clientAddress + " (limit " + maxFailures + " per minute); retry in " + secs + " s");
        }
        limiter.recordFailure(clientAddress);
        if (missing) {
            return new Outcome.Denied("Missing gateway token: send it as 'Authorization: Bearer <token>' or "
                    + "'x-api-key: <token>'", "missing");
        }
        return new Outcome.Denied(clientKeys.isEmpty() ? "Invalid gateway token"
                : "Invalid gateway token or client key (a revoked key is no longer accepted)", "wrong");
    }

    private static byte[] sha256(String s) {
        return ClientKeys.sha256(s);
    }
}
