package dev.clawgate.gateway;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The open client connections, so that a handler can tell whether its client is still there.
 *
 * <p>Helidon hands a handler its request, not its connection, and reads a connection only between
 * requests: while a handler waits for an upstream, a client that hung up goes unnoticed until the answer
 * is written. This registry wraps Helidon's HTTP/1.1 connection selector (a public SPI) to learn each
 * connection's context, keyed by the socket id that {@link ServerRequest#socketId()} also reports, and
 * forgets it when the connection ends. {@link DisconnectWatch} uses it.
 */
final class ClientConnections {

    private final Map<String, ConnectionContext> open = new ConcurrentHashMap<>();

    /** Helidon's HTTP/1.1 selector with {@code config}, registering every connection it creates. */
    ServerConnectionSelector http1(Http1Config config) {
        ServerConnectionSelector http1 = new Http1ConnectionProvider().create("@default", config,
                ProtocolConfigs.create(List.of(config)));
        return new ServerConnectionSelector() {
            @Override
            public int bytesToIdentifyConnection() {
                return http1.bytesToIdentifyConnection();
            }

            @Override
            public Support supports(BufferData data) {
                return http1.supports(data);
            }

            @Override
            public Set<String> supportedApplicationProtocols() {
                return http1.supportedApplicationProtocols();
            }

            @Override
            public ServerConnection connection(ConnectionContext ctx) {
                return new Registered(ctx, http1.connection(ctx));
            }
        };
    }

    /** The connection the request arrived on, while it is open. */
    Optional<ConnectionContext> of(ServerRequest request) {
        return Optional.ofNullable(open.get(request.socketId()));
    }

    int size() {
        return open.size();
    }

    @FunctionalInterface
    private interface Serving {
        void serve() throws InterruptedException;
    }

    /** A connection that is in the registry while it is being served. */
    private final class Registered implements ServerConnection, InterruptableTask<Void> {

        private final ConnectionContext ctx;
        private final ServerConnection delegate;

        Registered(ConnectionContext ctx, ServerConnection delegate) {
            this.ctx = ctx;
            this.delegate = delegate;
        }

        @Override
        public void handle(Semaphore requestSemaphore) throws InterruptedException {
            whileRegistered(() -> delegate.handle(requestSemaphore));
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            whileRegistered(() -> delegate.handle(limit));
        }

        private void whileRegistered(Serving serving) throws InterruptedException {
            open.put(ctx.childSocketId(), ctx);
            try {
                serving.serve();
            } finally {
                open.remove(ctx.childSocketId());
            }
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }

        @Override
        public boolean canInterrupt() {
            return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
        }

        @Override
        public Void call() {
            throw new UnsupportedOperationException("a connection is served through handle()");
        }
    }
}
