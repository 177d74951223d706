package dev.clawgate.config;

import java.util.Map;

/**
 * The {@code gateway} section.
 *
 * @param bind {@code loopback} (default), {@code lan} or {@code custom}
 * @param customBindHost the address for {@code bind: custom}
 * @param endpoints {@code http.endpoints.<name>.enabled} switches, by name
 * @param limits {@code gateway.limits}; null fields keep the gateway's defaults
 */
public record GatewayConfig(int port, String bind, String customBindHost, Auth auth, Map<String, Boolean> endpoints,
        Limits limits, Api api, ControlUi controlUi) {

    public static final int DEFAULT_PORT = 18789;
    public static final GatewayConfig DEFAULT = new GatewayConfig(DEFAULT_PORT, "loopback", null, Auth.NONE, Map.of());

    public GatewayConfig {
        bind = bind != null ? bind : "loopback";
        auth = auth != null ? auth : Auth.NONE;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        limits = limits != null ? limits : Limits.UNSET;
        api = api != null ? api : Api.DEFAULT;
        controlUi = controlUi != null ? controlUi : ControlUi.DEFAULT;
    }

    public GatewayConfig(int port, String bind, String customBindHost, Auth auth, Map<String, Boolean> endpoints,
            Limits limits) {
        this(port, bind, customBindHost, auth, endpoints, limits, null, null);
    }

    /**
     * How the inbound APIs present answers: {@code gateway.reasoning} ({@code separate}: reasoning in each
     * API's own reasoning field; {@code drop}: never sent) and {@code gateway.http.cors.allowedOrigins}
     * (browser origins allowed to call the gateway; empty: no CORS).
     */
    public record Api(String reasoning, java.util.List<String> corsAllowedOrigins) {
        public static final Api DEFAULT = new Api("separate", java.util.List.of());

        public Api {
            reasoning = reasoning != null ? reasoning : "separate";
            corsAllowedOrigins = corsAllowedOrigins == null ? java.util.List.of() : java.util.List.copyOf(corsAllowedOrigins);
        }
    }

    public GatewayConfig(int port, String bind, String customBindHost, Auth auth, Map<String, Boolean> endpoints) {
        this(port, bind, customBindHost, auth, endpoints, null);
    }

    /** {@code gateway.limits} as written: request size, header size, receive time, concurrent calls, keep-alive. */
    public record Limits(Integer maxRequestBytes, Integer maxHeaderBytes, Integer requestReceiveTimeoutSeconds,
            Integer maxConcurrentCalls, Integer keepAliveSeconds, Integer authFailuresPerMinute,
            Integer requestHeadTimeoutSeconds, Integer idleConnectionSeconds, Integer maxConnections) {
        public static final Limits UNSET = new Limits(null, null, null, null, null, null, null, null, null);
    }

    /**
     * {@code gateway.controlUi}: the Control UI and WebChat on the gateway's port.
     *
     * @param basePath where the UI's pages are served, {@code /} by default (the JSON API stays at
     *     {@code /clawgate/api/})
     * @param allowedOrigins browser origins other than the gateway's own that may call the API
     */
    public record ControlUi(boolean enabled, String basePath, java.util.List<String> allowedOrigins) {
        public static final ControlUi DEFAULT = new ControlUi(true, "/", java.util.List.of());

        public ControlUi {
            basePath = basePath == null || basePath.isBlank() ? "/" : basePath;
            allowedOrigins = allowedOrigins == null ? java.util.List.of() : java.util.List.copyOf(allowedOrigins);
        }
    }

    /**
     * {@code gateway.auth}: {@code mode} is {@code token}, {@code password} or {@code none}.
     *
     * @param password {@code gateway.auth.password}, for {@code mode: "password"}
     * @param keys {@code gateway.auth.keys}: client keys accepted besides the gateway token, in file order
     */
    public record Auth(String mode, SecretRef token, SecretRef password, TrustedProxy trustedProxy,
            java.util.List<ClientKey> keys) {
        public static final Auth NONE = new Auth("none", null);

        public Auth {
            keys = keys == null ? java.util.List.of() : java.util.List.copyOf(keys);
        }

        public Auth(String mode, SecretRef token, SecretRef password, TrustedProxy trustedProxy) {
            this(mode, token, password, trustedProxy, null);
        }

        public Auth(String mode, SecretRef token) {
            this(mode, token, null);
        }

        public Auth(String mode, SecretRef token, SecretRef password) {
            this(mode, token, password, null);
        }
    }

    /**
     * {@code mode: "trusted-proxy"}: an identity-aware reverse proxy authenticates users and names them in
     * {@code gateway.auth.trustedProxy.userHeader}; only requests whose TCP peer is one of
     * {@code gateway.trustedProxies} (addresses or CIDRs) are believed.
     *
     * @param proxies {@code gateway.trustedProxies}
     * @param allowLoopback a loopback proxy (127.0.0.1, ::1) is believed only with this opt-in, as in OpenClaw
     */
    public record TrustedProxy(java.util.List<String> proxies, String userHeader,
            java.util.List<String> requiredHeaders, java.util.List<String> allowUsers, boolean allowLoopback) {
        public TrustedProxy {
            proxies = proxies == null ? java.util.List.of() : java.util.List.copyOf(proxies);
            requiredHeaders = requiredHeaders == null ? java.util.List.of() : java.util.List.copyOf(requiredHeaders);
            allowUsers = allowUsers == null ? java.util.List.of() : java.util.List.copyOf(allowUsers);
        }
    }

    /**
     * One entry of {@code gateway.auth.keys}: a client's own token, with what it may do. Requests that present
     * it are attributed to {@code id} in usage, budgets, logs and metrics.
     *
     * @param token {@code "${VAR}"} (an {@link SecretRef.Env}), or a literal: {@code "sha256:<64 hex>"} stores
     *     only the token's digest (what {@code clawgate token --key ID} prints); any other literal is the token itself
     * @param models the model refs, aliases or agent models ({@code clawgate/<id>}) the key may ask for; empty: all
     * @param privacy like an agent's {@code privacy}; the strictest of the agent's and the key's applies
     * @param budget this key's own budget (scope {@code key:<id>}), on top of the agent's and the gateway's
     * @param rateLimit requests and tokens per minute, or null for none
     */
    public record ClientKey(String id, SecretRef token, java.util.List<String> models, PrivacyConfig privacy,
            BudgetsConfig.Budget budget, RateLimit rateLimit) {

        /** The prefix of a token stored as its SHA-256 digest. */
        public static final String SHA256_PREFIX = "sha256:";

        public ClientKey {
            models = models == null ? java.util.List.of() : java.util.List.copyOf(models);
        }

        /** The hex digest when the token is stored hashed, else null. */
        public String storedDigest() {
            return token instanceof SecretRef.Literal l && l.value().startsWith(SHA256_PREFIX)
                    ? l.value().substring(SHA256_PREFIX.length()).toLowerCase(java.util.Locale.ROOT) : null;
        }

        @Override
        public String toString() { // the token is a SecretRef, which never prints a literal; keep it that way
            return "ClientKey[" + id + " models=" + models + " privacy=" + privacy + " budget=" + budget
                    + " rateLimit=" + rateLimit + "]";
        }
    }

    /**
     * {@code gateway.auth.keys[].rateLimit}: fixed one-minute windows. A request is refused once the window holds
     * {@code requestsPerMinute} requests, or once the tokens of the calls that ended in it reached
     * {@code tokensPerMinute} (a call's tokens are known only when it ends).
     */
    public record RateLimit(Integer requestsPerMinute, Integer tokensPerMinute) {}
}
