package dev.clawgate.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Refuses configurations that would expose the models to the network without a token. */
final class BindSafety {

    private BindSafety() {}

    static void check(GatewaySettings s) {
        if (s.authMode() == GatewaySettings.AuthMode.TRUSTED_PROXY) {
            return; // every request needs a trusted proxy's identity header (GatewayAuthModes.requireTrustedProxy)
        }
        if (s.authMode() == GatewaySettings.AuthMode.TOKEN) {
            if (s.token() == null || s.token().isBlank()) {
                throw new GatewayStartException("gateway.auth.mode is \"token\" but gateway.auth.token is empty. Set "
                        + "gateway.auth.token: \"${CLAWGATE_TOKEN}\" and put a token in CLAWGATE_TOKEN (generate one "
                        + "with `clawgate token`).");
            }
            return;
        }
        if (!isLoopback(s.host())) {
            throw new GatewayStartException("Refusing to listen on " + s.host() + " without authentication: anyone "
                    + "who can reach this address could use your models and provider keys. Set gateway.auth.mode: "
                    + "\"token\" and gateway.auth.token: \"${CLAWGATE_TOKEN}\" (generate a token with `clawgate token` "
                    + "and export it as CLAWGATE_TOKEN), or bind to loopback (gateway.bind: \"loopback\").");
        }
    }

    /** Loopback decided without DNS: {@code localhost} or a loopback IP literal. Other names count as exposed. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        boolean literal = h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
