package dev.clawgate.gateway;

import dev.clawgate.config.AddressRanges;
import dev.clawgate.config.GatewayConfig;
import java.net.InetAddress;
import java.util.function.Function;

/**
 * {@code gateway.auth.mode: "trusted-proxy"}: the reverse proxy in front has authenticated the user and names
 * them in a header. The header is believed only when the TCP peer itself is one of {@code gateway.trustedProxies}
 * (forwarded-for headers are never consulted: anyone can write them), and a loopback peer only with
 * {@code allowLoopback}, since every local process shares that address. Order as in OpenClaw: source, required
 * headers, user header, allowed users.
 */
final class TrustedProxyAuthenticator {

    private final GatewayConfig.TrustedProxy config;

    TrustedProxyAuthenticator(GatewayConfig.TrustedProxy config) {
        this.config = config;
    }

    TokenAuthenticator.Outcome check(Function<String, String> header, InetAddress peer) {
        String from = peer == null ? "an unknown address" : peer.getHostAddress();
        if (peer == null || !AddressRanges.anyContains(config.proxies(), peer)) {
            return denied("Request from " + from + " is not from a trusted proxy (gateway.trustedProxies: "
                    + String.join(", ", config.proxies()) + "); send it through your authenticating proxy",
                    "untrusted_source");
        }
        if (peer.isLoopbackAddress() && !config.allowLoopback()) {
            return denied("Request from loopback " + from + " is refused in trusted-proxy mode: set"
                    + " gateway.auth.trustedProxy.allowLoopback: true if the proxy runs on this machine",
                    "untrusted_source");
        }
        for (String required : config.requiredHeaders()) {
            if (blank(header.apply(required))) {
                return denied("Missing header '" + required + "' required by gateway.auth.trustedProxy.requiredHeaders",
                        "missing");
            }
        }
        String user = header.apply(config.userHeader());
        if (blank(user)) {
            return denied("Missing user header '" + config.userHeader() + "' (gateway.auth.trustedProxy.userHeader):"
                    + " the trusted proxy did not name an authenticated user", "missing");
        }
        if (!config.allowUsers().isEmpty() && !config.allowUsers().contains(user.trim())) {
            return denied("User '" + user.trim() + "' is not in gateway.auth.trustedProxy.allowUsers", "wrong");
        }
        return TokenAuthenticator.Outcome.Allowed.user(user.trim());
    }

    private static TokenAuthenticator.Outcome denied(String message, String reason) {
        return new TokenAuthenticator.Outcome.Denied(message, reason);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
