package dev.clawgate.upstream.transport;

import dev.clawgate.upstream.WireMeter;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body with the call's first-event, idle and deadline limits enforced as socket read timeouts:
 * before every socket read the connection asks this stream ({@link Http1Connection.ReadBudget}) how long it
 * may block, and a read that finds a limit passed closes the connection and throws the
 * {@link ReadTimeoutException} naming it. No timer thread, no task per call. Every read after that throws
 * the same failure; reads after {@link #close()} throw {@link ResponseClosedException}.
 *
 * <p>The limits count complete events, not bytes: until the consumer reports its first decoded event
 * ({@link #eventReceived()}), the first-byte limit (the provider's {@code timeoutSeconds}) runs from the
 * moment the request was sent; after that, the idle limit bounds the time between two events. An upstream
 * that sends its headers and then one byte a second has not answered, and it fails over as a silent one
 * would (its next read finds the limit passed). Idle time counts only while a read is waiting: a consumer
 * that is busy between reads (writing to a slow client) is not the upstream being slow. A consumer that
 * never reports events (an error body, a whole JSON answer) keeps the first-byte limit for the whole body.
 *
 * <p>The first chunk is read by {@link #awaitFirstByte()} (the transport's "has it answered" check) and
 * served back to the caller before anything else. A body read to its end gives its connection back to the
 * pool; one closed early is drained from what already arrived, or its connection is closed (which is what
 * cancels the upstream's generation).
 */
final class LimitedBodyStream extends InputStream implements Http1Connection.ReadBudget {

    /** How long {@link #finish()} waits for the end of a body whose last event arrived. */
    private static final long DRAIN_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MAX_DRAIN_BYTES = 16 * 1024;

    private final Http1Connection conn;
    private final Http1Response.Body in;
    private final CallLimits limits;
    private final String target;
    private final ConnectionPool pool;
    /** Told every body byte read from the connection (the data-flow ledger's byte counts). */
    private final WireMeter meter;
    private final boolean reusable;
    /** Held while reading, so that a close from another thread never drains under a reader. */
    private final ReentrantLock reading = new ReentrantLock();

    private volatile boolean eventSeen;
    /** Read-waiting time since the last event. */
    private long waitedSinceEvent;
    private volatile ReadTimeoutException expired;
    private volatile boolean closedByCaller;
    private boolean released; // guarded by reading
    /** While {@link #finish()} drains the rest of a complete body: when it gives up (nanoTime). */
    private long drainUntil;
    private boolean draining;

    private byte[] head;
    private int headPos;
    private int headLength;

    LimitedBodyStream(Http1Connection conn, Http1Response response, CallLimits limits, String target,
            ConnectionPool pool, WireMeter meter) {
        this.conn = conn;
        this.meter = meter;
        this.in = response.body();
        this.limits = limits;
        this.target = target;
        this.pool = pool;
        this.reusable = response.reusable;
        conn.budget(this);
    }

    /** Blocks until the first body byte (or the end of an empty body) arrives, within the limits. */
    void awaitFirstByte(int sizeHint) throws IOException {
        byte[] buffer = ReadBuffers.take(); // pooled even for a short body: the size is never more than one buffer
        int n = read(buffer, 0, Math.max(1, Math.min(buffer.length, sizeHint)));
        if (n > 0) {
            head = buffer;
            headPos = 0;
            headLength = n;
        } else {
            ReadBuffers.give(buffer);
        }
    }

    /** The first chunk was served (or is no longer wanted): its buffer goes back to the pool. Under {@link #reading}. */
    private void dropHead() {
        byte[] b = head;
        head = null;
        headPos = headLength = 0;
        ReadBuffers.give(b);
    }

    /**
     * The consumer decoded a complete event: the first-byte limit is met, and the idle limit starts over.
     * Called from the reading thread between reads.
     */
    void eventReceived() {
        waitedSinceEvent = 0;
        eventSeen = true;
    }

    /** The first chunk of the body, as read by {@link #awaitFirstByte}, without consuming it. */
    String headText(int maxChars) {
        if (head == null) {
            return "";
        }
        return new String(head, headPos, Math.min(headLength - headPos, maxChars),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first byte of the body that is not white space, looking only at the first chunk; -1 if none. */
    int firstNonWhitespace() {
        for (int i = headPos; i < headLength; i++) {
            byte b = head[i];
            if (!(b == ' ' || b == '\t' || b == '\r' || b == '\n')) {
                return b & 0xFF;
            }
        }
        return head == null ? -1 : ' ';
    }

    @Override
    public int timeoutMillis() throws IOException {
        long now = System.nanoTime();
        if (draining) {
            long drainLeft = drainUntil - now;
            if (drainLeft <= 0) {
                throw new ReadTimeoutException(dev.clawgate.wire.FailureClass.IDLE_TIMEOUT, "the body did not end"
                        + " promptly after its last event");
            }
            return (int) Math.max(1, (drainLeft + 999_999) / 1_000_000);
        }
        long left = limits.deadlineAt - now;
        if (left <= 0) {
            throw expire(limits.deadlineExpired(target));
        }
        if (!eventSeen) {
            long firstByteLeft = limits.firstByteAt - now;
            if (firstByteLeft <= 0) {
                throw expire(limits.firstByteExpired(target));
            }
            left = Math.min(left, firstByteLeft);
        } else {
            long idleLeft = limits.idleNanos - waitedSinceEvent;
            if (idleLeft <= 0) {
                throw expire(limits.idleExpired(target));
            }
            left = Math.min(left, idleLeft);
        }
        if (left >= CallLimits.NO_LIMIT_NANOS / 2) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
    }

    @Override
    public void waited(long nanos) {
        waitedSinceEvent += nanos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        reading.lock();
        try {
            if (closedByCaller) {
                throw new ResponseClosedException();
            }
            ReadTimeoutException e = expired;
            if (e != null) {
                throw again(e);
            }
            if (len == 0) {
                return 0;
            }
            if (headPos < headLength) {
                int n = Math.min(len, headLength - headPos);
                System.arraycopy(head, headPos, b, off, n);
                headPos += n;
                if (headPos == headLength) {
                    dropHead();
                }
                return n;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException failure) {
                conn.abort();
                throw afterFailure(failure);
            }
            if (n > 0) {
                meter.received(n);
            }
            if (closedByCaller) { // a close from another thread may surface as a clean end: never pass it off as one
                throw new ResponseClosedException();
            }
            if (n < 0) {
                release();
            }
            return n;
        } finally {
            reading.unlock();
        }
    }

    @Override
    public int available() {
        return headLength - headPos + (expired == null && !closedByCaller ? in.available() : 0);
    }

    /**
     * Closed by its owner. A body that ended (or whose end already arrived) gives its connection back to the
     * pool; otherwise the connection is closed, which is what tells the upstream to stop. Safe from another
     * thread while a read blocks: that read then fails at once.
     */
    @Override
    public void close() {
        closedByCaller = true;
        if (!reading.tryLock()) {
            conn.abort(); // a read is blocked right now: closing the socket wakes it
            return;
        }
        try {
            dropHead();
            if (!released && expired == null && (in.ended() || in.finishFromBuffer())) {
                release();
            } else if (!released) {
                released = true;
                conn.abort();
            }
        } finally {
            reading.unlock();
        }
    }

    /**
     * The consumer has the whole answer (the protocol's last event): reads the little that is left of the
     * body (the chunked terminator, usually in flight) for at most {@link #DRAIN_NANOS}, so that the
     * connection can serve another call, then closes. A body that does not end by then loses its connection.
     */
    void finish() {
        reading.lock();
        try {
            if (!released && expired == null && !closedByCaller) {
                draining = true;
                drainUntil = System.nanoTime() + DRAIN_NANOS;
                byte[] sink = new byte[512];
                int total = 0;
                try {
                    for (int n = in.read(sink, 0, sink.length); n >= 0 && total < MAX_DRAIN_BYTES;
                            n = in.read(sink, 0, sink.length)) {
                        total += n;
                    }
                } catch (IOException e) {
                    // not worth more waiting: the connection is closed below
                }
                if (in.ended()) {
                    release();
                }
            }
            dropHead();
            closedByCaller = true;
            if (!released) {
                released = true;
                conn.abort();
            }
        } finally {
            reading.unlock();
        }
    }

    /** The body ended: the connection is at a message boundary and may serve another call. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
        if (reusable && pool != null) {
            pool.release(conn);
        } else {
            conn.abort();
        }
    }

    private IOException afterFailure(IOException failure) {
        ReadTimeoutException e = expired;
        if (e != null) {
            return again(e);
        }
        if (closedByCaller) {
            return new ResponseClosedException();
        }
        return failure;
    }

    private ReadTimeoutException expire(ReadTimeoutException reason) {
        if (expired == null) {
            expired = reason;
        }
        conn.abort(); // the server sees the connection close: it can stop generating
        return again(expired);
    }

    private static ReadTimeoutException again(ReadTimeoutException e) {
        return new ReadTimeoutException(e.failure(), e.getMessage());
    }
}
