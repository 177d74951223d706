package dev.clawgate.gateway;

import dev.clawgate.config.GatewayConfig;

/**
 * Values OpenClaw accepts that Clawgate cannot honour: they validate (with a warning) so that an OpenClaw
 * config loads, but starting the gateway with them is refused with the alternative, rather than silently
 * listening somewhere else or without the authentication the user asked for.
 */
final class UnsupportedSettings {

    private UnsupportedSettings() {}

    static void check(GatewayConfig config) {
        switch (config.bind()) {
            case "tailnet" -> throw new GatewayStartException("gateway.bind \"tailnet\" is not supported by Clawgate"
                    + " (it cannot ask Tailscale for the address). Use gateway.bind: \"custom\" with customBindHost:"
                    + " \"<this machine's 100.x tailnet address>\", or \"lan\", together with gateway.auth.");
            case "auto" -> throw new GatewayStartException("gateway.bind \"auto\" is not supported by Clawgate."
                    + " Use gateway.bind: \"loopback\" (this machine only) or \"lan\" (all interfaces, with"
                    + " gateway.auth).");
            default -> { }
        }
        String mode = config.auth().mode();
        if (mode != null && !GatewayAuthModes.SUPPORTED.contains(mode)) {
            throw new GatewayStartException("gateway.auth.mode \"" + mode + "\" is not supported by Clawgate. Use"
                    + " one of " + String.join(", ", GatewayAuthModes.SUPPORTED) + ".");
        }
    }
}
