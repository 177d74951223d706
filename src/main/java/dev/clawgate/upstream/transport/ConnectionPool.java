package dev.clawgate.upstream.transport;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive connections per {@code scheme://host:port}. The most recently used connection is reused
 * first (the one least likely to have been closed by the server). A connection idle for longer than
 * {@link #MAX_IDLE_NANOS} is closed instead of reused: servers close idle connections after a few seconds
 * (uvicorn after 5 s), and a request sent on one the server just closed has to be sent again.
 */
final class ConnectionPool implements AutoCloseable {

    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);
    static final int MAX_IDLE_PER_HOST = 256;

    private final Map<String, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An idle connection to {@code key}, or null. */
    Http1Connection take(String key) {
        Deque<Http1Connection> q = idle.get(key);
        if (q == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Http1Connection c = q.pollFirst(); c != null; c = q.pollFirst()) {
            if (now - c.idleSince < MAX_IDLE_NANOS && c.isOpen() && c.buffered() == 0) {
                return c;
            }
            c.abort();
        }
        return null;
    }

    /** Returns a connection whose last response ended cleanly. */
    void release(Http1Connection c) {
        if (closed) {
            c.abort();
            return;
        }
        c.budget(() -> 0);
        c.idleSince = System.nanoTime();
        Deque<Http1Connection> q = idle.computeIfAbsent(c.key, k -> new ConcurrentLinkedDeque<>());
        q.offerFirst(c);
        if (q.size() > MAX_IDLE_PER_HOST) {
            Http1Connection oldest = q.pollLast();
            if (oldest != null) {
                oldest.abort();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Deque<Http1Connection> q : idle.values()) {
            for (Http1Connection c = q.pollFirst(); c != null; c = q.pollFirst()) {
                c.abort();
            }
        }
    }
}
