package dev.clawgate.routing;

/**
 * Observes the router's decisions (the Control UI's feed). Called on the request's thread once per
 * {@link FailoverRouter#open} call, after the outcome is known; implementations must return quickly and
 * never throw (a listener that throws is ignored, the request goes on).
 */
@FunctionalInterface
public interface RoutingListener {

    void decided(RoutingDecision decision);

    /**
     * The answer of a served call has ended: its stream was read to its end, failed, or was closed. Called once,
     * on the thread that read or closed it. {@link RoutingDecision#took()} is the time to the serving model's
     * first event; {@code total} is the whole call, from its start until now.
     */
    default void completed(RoutingDecision decision, java.time.Duration total) {}
}
