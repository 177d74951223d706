package dev.clawgate.gateway;

import java.util.List;

/** The {@code gateway.auth.mode} values this gateway implements. */
final class GatewayAuthModes {

    static final List<String> SUPPORTED = List.of("none", "token");

    private GatewayAuthModes() {}
}
