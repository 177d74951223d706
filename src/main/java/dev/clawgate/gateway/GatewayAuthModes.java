package dev.clawgate.gateway;

import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.SecretRef;
import java.util.List;

/** The {@code gateway.auth.mode} values this gateway implements. */
final class GatewayAuthModes {

    static final List<String> SUPPORTED = List.of("none", "token", "password", "trusted-proxy");

    private GatewayAuthModes() {}

    /**
     * The secret clients must present: the token, or for {@code mode: "password"} the password. A password
     * is checked exactly like a token (sent as {@code Authorization: Bearer <password>} or {@code x-api-key}),
     * as OpenClaw's HTTP endpoints accept it.
     */
    static SecretRef secret(GatewayConfig.Auth auth) {
        return "password".equals(auth.mode()) ? auth.password() : auth.token();
    }

    /** A password mode without a password cannot start: it would run without the authentication asked for. */
    static void requirePassword(GatewayConfig.Auth auth, String resolved) {
        if ("password".equals(auth.mode()) && (resolved == null || resolved.isBlank())) {
            throw new GatewayStartException("gateway.auth.mode is \"password\" but gateway.auth.password is empty."
                    + " Set gateway.auth.password: \"${CLAWGATE_PASSWORD}\" and export CLAWGATE_PASSWORD.");
        }
    }

    /** Trusted-proxy mode without proxies or a user header would believe no one, or anyone: refuse to start. */
    static void requireTrustedProxy(GatewayConfig.Auth auth) {
        GatewayConfig.TrustedProxy tp = auth.trustedProxy();
        if (tp == null || tp.proxies().isEmpty()) {
            throw new GatewayStartException("gateway.auth.mode is \"trusted-proxy\" but gateway.trustedProxies is empty."
                    + " List your reverse proxy's address, e.g. gateway.trustedProxies: [\"10.0.0.1\"].");
        }
        if (tp.userHeader() == null) {
            throw new GatewayStartException("gateway.auth.mode is \"trusted-proxy\" but"
                    + " gateway.auth.trustedProxy.userHeader is not set. Name the header your proxy puts the"
                    + " authenticated user in, e.g. userHeader: \"x-forwarded-user\".");
        }
    }
}
