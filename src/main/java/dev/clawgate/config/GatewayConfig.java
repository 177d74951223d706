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
        Limits limits) {

    public static final int DEFAULT_PORT = 18789;
    public static final GatewayConfig DEFAULT = new GatewayConfig(DEFAULT_PORT, "loopback", null, Auth.NONE, Map.of());

    public GatewayConfig {
        bind = bind != null ? bind : "loopback";
        auth = auth != null ? auth : Auth.NONE;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        limits = limits != null ? limits : Limits.UNSET;
    }

    public GatewayConfig(int port, String bind, String customBindHost, Auth auth, Map<String, Boolean> endpoints) {
        this(port, bind, customBindHost, auth, endpoints, null);
    }

    /** {@code gateway.limits} as written: request size, header size, receive time, concurrent calls, keep-alive. */
    public record Limits(Integer maxRequestBytes, Integer maxHeaderBytes, Integer requestReceiveTimeoutSeconds,
            Integer maxConcurrentCalls, Integer keepAliveSeconds, Integer authFailuresPerMinute) {
        public static final Limits UNSET = new Limits(null, null, null, null, null, null);
    }

    /**
     * {@code gateway.auth}: {@code mode} is {@code token}, {@code password} or {@code none}.
     *
     * @param password {@code gateway.auth.password}, for {@code mode: "password"}
     */
    public record Auth(String mode, SecretRef token, SecretRef password) {
        public static final Auth NONE = new Auth("none", null);

        public Auth(String mode, SecretRef token) {
            this(mode, token, null);
        }
    }
}
