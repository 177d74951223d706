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
     */
    public record Auth(String mode, SecretRef token, SecretRef password, TrustedProxy trustedProxy) {
        public static final Auth NONE = new Auth("none", null);

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
}
