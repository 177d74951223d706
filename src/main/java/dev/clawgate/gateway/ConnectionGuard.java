package dev.clawgate.gateway;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what an open connection may cost: how long it may take to send a complete request head
 * ({@code requestHeadTimeout}), how long it may sit idle between requests ({@code idleConnection}), and how
 * many may be open at once ({@code maxConnections}). Helidon's own idle timeout misses a connection that
 * never sends a byte (it is not registered until its protocol is known) and one that trickles its headers
 * (only the request line is interruptible), and its connection cap stops accepting instead of answering, so
 * the gateway keeps this table of accepted sockets itself:
 *
 * <ul>
 *   <li>a socket enters at accept (through {@link #socketOptions}, which Helidon calls for every accepted
 *       channel) waiting for its head; {@link #requestStarted} (first thing in the routing filter) marks it
 *       busy, {@link #requestEnded} idle again; the request line of a further request restarts the head
 *       clock ({@link #prologueListener});
 *   <li>a sweep, a few times per shortest limit, closes every socket past its deadline: its blocked reader
 *       fails at once and Helidon ends the connection quietly (no answer is half-written: nothing is being
 *       answered); busy sockets (a stream in progress) are never touched;
 *   <li>a socket accepted beyond {@code maxConnections} is marked, and its first request is answered 503
 *       with {@code Connection: close}; if it sends none, the head timeout closes it.
 * </ul>
 *
 * <p>The filter also ends a connection after an answer sent with {@code Connection: close}: Helidon 4.5
 * sends the header but, when the request body was left unread, goes on parsing the rest of that body
 * (already in its read buffer) as further requests.
 *
 * <p>Sockets are keyed by their remote address, which is unique among a listener's open connections.
 */
final class ConnectionGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final Duration MIN_SWEEP = Duration.ofMillis(50);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

    private enum Phase { HEAD, BUSY, IDLE }

    private static final class Tracked {
        final SocketChannel channel;
        final boolean overLimit;
        volatile Phase phase = Phase.HEAD;
        volatile long since = System.nanoTime();

        Tracked(SocketChannel channel, boolean overLimit) {
            this.channel = channel;
            this.overLimit = overLimit;
        }
    }

    private final Supplier<GatewaySettings.Limits> limits;
    private final GatewayMetrics metrics;
    private final Map<SocketAddress, Tracked> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clawgate-connection-guard");
        t.setDaemon(true);
        return t;
    });

    ConnectionGuard(Supplier<GatewaySettings.Limits> limits, GatewayMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    void start() {
        scheduleSweep();
    }

    /** Helidon's socket options, plus registering every accepted socket here. */
    SocketOptions socketOptions(SocketOptions base) {
        return new RegisteringSocketOptions(base);
    }

    /** Restarts the head clock of a keep-alive connection when its next request line arrives. */
    Http1ConnectionListener prologueListener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                Tracked t = open.get(ctx.remotePeer().address());
                if (t != null && t.phase == Phase.IDLE) {
                    t.since = System.nanoTime();
                    t.phase = Phase.HEAD;
                }
            }
        };
    }

    /**
     * The routing filter, first of all: refuses requests on connections beyond {@code maxConnections}, marks
     * the connection busy for the request, and after the answer either idle or, when the answer said
     * {@code Connection: close}, closed.
     */
    io.helidon.webserver.http.Filter filter(java.util.function.Function<String, InboundApi> apiForPath) {
        return (chain, req, res) -> {
            SocketAddress peer = req.remotePeer().address();
            if (!requestStarted(peer)) {
                int max = limits.get().maxConnections();
                res.header(io.helidon.http.HeaderNames.CONNECTION, "close");
                res.header(io.helidon.http.HeaderNames.RETRY_AFTER, "1");
                GatewayFilter.sendError(res, apiForPath.apply(req.path().path()), new ApiError(503,
                        ApiError.Kind.UNAVAILABLE, "Too many open connections: the limit is " + max
                        + " (gateway.limits.maxConnections); retry, or reuse connections", null, "connection_limit"),
                        null);
                throw closeConnection();
            }
            try {
                chain.proceed();
            } finally {
                requestEnded(peer);
            }
            // contains first: containsToken tokenizes every header value into lists (about 1 % of the bytes
            // allocated per request), and almost no answer carries a Connection header at all
            if (res.headers().contains(io.helidon.http.HeaderNames.CONNECTION)
                    && res.headers().containsToken(io.helidon.http.HeaderValues.CONNECTION_CLOSE)) {
                throw closeConnection(); // Helidon ends the connection; bytes it already buffered are dropped
            }
        };
    }

    /**
     * The request head from {@code peer} is complete. False when the connection was accepted beyond
     * {@code maxConnections}: answer 503 with {@code Connection: close}.
     */
    boolean requestStarted(SocketAddress peer) {
        Tracked t = open.get(peer);
        if (t == null) {
            return true;
        }
        t.phase = Phase.BUSY;
        return !t.overLimit;
    }

    /** The answer to {@code peer}'s request is complete; the connection idles until its next request. */
    void requestEnded(SocketAddress peer) {
        Tracked t = open.get(peer);
        if (t != null) {
            t.since = System.nanoTime();
            t.phase = Phase.IDLE;
        }
    }

    private static io.helidon.webserver.CloseConnectionException closeConnection() {
        return new io.helidon.webserver.CloseConnectionException("answered with Connection: close");
    }

    /** Connections open now (accepted and not yet closed). */
    int openConnections() {
        prune();
        return open.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        open.clear();
    }

    private void accepted(SocketChannel channel) {
        SocketAddress peer;
        try {
            peer = channel.getRemoteAddress();
        } catch (IOException e) {
            return; // already gone
        }
        int max = limits.get().maxConnections();
        boolean over = open.size() >= max && openConnections() >= max;
        if (over) {
            metrics.limitRejected("max_connections");
        }
        open.put(peer, new Tracked(channel, over));
    }

    private void scheduleSweep() {
        GatewaySettings.Limits l = limits.get();
        Duration shortest = l.requestHeadTimeout().compareTo(l.idleConnection()) < 0 ? l.requestHeadTimeout()
                : l.idleConnection();
        Duration every = shortest.dividedBy(5);
        every = every.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : every.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : every;
        try {
            sweeper.schedule(() -> {
                try {
                    sweep();
                } catch (RuntimeException e) {
                    LOG.warn("connection sweep failed: {}", e.toString());
                }
                scheduleSweep();
            }, every.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // closed
        }
    }

    private void sweep() {
        GatewaySettings.Limits l = limits.get();
        long now = System.nanoTime();
        for (Iterator<Tracked> it = open.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (!t.channel.isOpen()) {
                it.remove();
                continue;
            }
            Phase phase = t.phase;
            long limit = switch (phase) {
                case HEAD -> l.requestHeadTimeout().toNanos();
                case IDLE -> l.idleConnection().toNanos();
                case BUSY -> Long.MAX_VALUE;
            };
            if (phase != Phase.BUSY && now - t.since > limit) {
                metrics.limitRejected(phase == Phase.HEAD ? "request_head_timeout" : "idle_connection");
                LOG.debug("closing connection from {}: {}", t.channel, phase == Phase.HEAD
                        ? "no complete request head within gateway.limits.requestHeadTimeoutSeconds"
                        : "idle longer than gateway.limits.idleConnectionSeconds");
                closeQuietly(t);
                it.remove();
            }
        }
    }

    private void prune() {
        open.values().removeIf(t -> !t.channel.isOpen());
    }

    private static void closeQuietly(Tracked t) {
        try {
            t.channel.close(); // the connection's blocked reader fails at once and Helidon ends the connection
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Helidon's options as they are; registers each accepted channel after configuring it. */
    private final class RegisteringSocketOptions implements SocketOptions {
        private final SocketOptions base;

        RegisteringSocketOptions(SocketOptions base) {
            this.base = base;
        }

        @Override
        public void configureSocket(SocketChannel channel) {
            base.configureSocket(channel);
            accepted(channel);
        }

        @Override
        public void configureSocket(java.net.Socket socket) {
            base.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return base.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return base.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return base.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return base.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return base.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return base.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return base.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return base.tcpNoDelay();
        }
    }
}
