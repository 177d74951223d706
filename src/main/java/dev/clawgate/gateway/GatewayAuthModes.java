package dev.clawgate.gateway;

import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.SecretRef;
import java.util.List;

/** The {@code gateway.auth.mode} values this gateway implements. */
final class GatewayAuthModes {

    static final List<String> SUPPORTED = List.of("none", "token", "password");

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
}
