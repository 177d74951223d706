package dev.clawgate.wire;

/**
 * A pull-based stream of {@link StreamEvent}s from one model call. Pulling blocks, which is cheap on a
 * virtual thread and lets the caller decide, event by event, what to do (the router fails over before
 * the first event; the gateway writes each event to its client as it comes).
 *
 * <p>Closing the stream before its end cancels the upstream request and closes its connection.
 */
public interface EventStream extends AutoCloseable {

    /**
     * The next event, or null when the stream has ended.
     *
     * @throws UpstreamException when the upstream fails, times out or sends something unreadable
     */
    StreamEvent next();

    @Override
    void close();
}
