package dev.clawgate.gateway;

/** The gateway refused to start (unsafe bind, missing token) or could not bind. */
public final class GatewayStartException extends IllegalStateException {

    public GatewayStartException(String message) {
        super(message);
    }

    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
