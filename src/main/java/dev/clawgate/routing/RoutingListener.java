package dev.clawgate.routing;

/**
 * Observes the router's decisions (the Control UI's feed). Called on the request's thread once per
 * {@link FailoverRouter#open} call, after the outcome is known; implementations must return quickly and
 * never throw (a listener that throws is ignored, the request goes on).
 */
@FunctionalInterface
public interface RoutingListener {

    void decided(RoutingDecision decision);
}
