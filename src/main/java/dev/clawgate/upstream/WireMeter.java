package dev.clawgate.upstream;

/**
 * Told by the transport how many bytes of one call went each way: the HTTP body bytes handed to the
 * connection (each attempt, a retried send counts twice) and the body bytes read back, error bodies
 * included. Called from the reading thread; implementations are cheap and thread-safe.
 */
public interface WireMeter {

    WireMeter NONE = new WireMeter() {
        @Override
        public void sent(long bytes) {}

        @Override
        public void received(long bytes) {}
    };

    void sent(long bytes);

    void received(long bytes);
}
