package dev.clawgate.config;

import java.util.Map;

/**
 * The {@code gateway} section.
 *
 * @param bind {@code loopback} (default), {@code lan} or {@code custom}
 * @param customBindHost the address for {@code bind: custom}
 * @param endpoints {@code http.endpoints.<name>.enabled} switches, by name
 */
public record GatewayConfig(int port, String bind, String customBindHost, Auth auth, Map<String, Boolean> endpoints) {

    public static final int DEFAULT_PORT = 18789;
    public static final GatewayConfig DEFAULT = new GatewayConfig(DEFAULT_PORT, "loopback", null, Auth.NONE, Map.of());

    public GatewayConfig {
        bind = bind != null ? bind : "loopback";
        auth = auth != null ? auth : Auth.NONE;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }

    /** {@code gateway.auth}: {@code mode} is {@code token} or {@code none}. */
    public record Auth(String mode, SecretRef token) {
        public static final Auth NONE = new Auth("none", null);
    }
}
