package dev.clawgate.upstream.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body with the call's first-event, idle and deadline limits enforced. A shared watchdog
 * scheduler checks the limits and, when one passes, closes the underlying JDK stream: that wakes a
 * blocked read, cancels the exchange and closes the connection. Every read after that throws the
 * {@link ReadTimeoutException} naming the limit; reads after {@link #close()} throw
 * {@link ResponseClosedException}.
 *
 * <p>The limits count complete events, not bytes: until the consumer reports its first decoded event
 * ({@link #eventReceived()}), the first-byte limit (the provider's {@code timeoutSeconds}) runs from the
 * moment the request was sent; after that, the idle limit bounds the time between two events. An upstream
 * that sends its headers and then one byte a second has not answered, and it fails over as a silent one
 * would. Idle time counts only while a read is waiting: a consumer that is busy between reads (writing to
 * a slow client) is not the upstream being slow. A consumer that never reports events (an error body, a
 * whole JSON answer) keeps the first-byte limit for the whole body. The watchdog keeps a single pending
 * check per stream and re-arms it lazily, so a read costs a few volatile writes and no scheduling.
 *
 * <p>The first chunk is read by {@link #awaitFirstByte()} (the transport's "has it answered" check) and
 * served back to the caller before anything else.
 */
final class LimitedBodyStream extends InputStream {

    private static final long NOT_WAITING = Long.MIN_VALUE;

    private final InputStream in;
    private final CallLimits limits;
    private final ScheduledExecutorService watchdog;
    private final String target;

    private volatile boolean eventSeen;
    private volatile long waitingSince = NOT_WAITING;
    /** Read-waiting time since the last event, not counting the read in progress. */
    private volatile long waitedSinceEvent;
    private volatile ReadTimeoutException expired;
    private volatile boolean closedByCaller;
    private volatile boolean finished;
    private ScheduledFuture<?> pendingCheck; // guarded by this

    private byte[] head;
    private int headPos;
    private int headLength;

    LimitedBodyStream(InputStream in, CallLimits limits, ScheduledExecutorService watchdog, String target) {
        this.in = in;
        this.limits = limits;
        this.watchdog = watchdog;
        this.target = target;
        check();
    }

    /** Blocks until the first body byte (or the end of an empty body) arrives, within the limits. */
    void awaitFirstByte() throws IOException {
        byte[] buffer = new byte[8 * 1024];
        int n = read(buffer, 0, buffer.length);
        if (n > 0) {
            head = buffer;
            headPos = 0;
            headLength = n;
        }
    }

    /**
     * The consumer decoded a complete event: the first-byte limit is met, and the idle limit starts over.
     * Called from the reading thread between reads.
     */
    void eventReceived() {
        waitedSinceEvent = 0;
        if (!eventSeen) {
            eventSeen = true;
            check(); // from now on the idle limit applies, not the (usually much longer) first-event limit
        }
    }

    /** The first chunk of the body, as read by {@link #awaitFirstByte()}, without consuming it. */
    String headText(int maxChars) {
        if (head == null) {
            return "";
        }
        return new String(head, headPos, Math.min(headLength - headPos, maxChars), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
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
                head = null;
                headPos = headLength = 0;
            }
            return n;
        }
        long since = System.nanoTime();
        waitingSince = since;
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException failure) {
            throw afterFailure(failure);
        } finally {
            waitingSince = NOT_WAITING;
            waitedSinceEvent += System.nanoTime() - since;
        }
        // A close by the watchdog or the caller may surface as a clean end of stream: never let a cut
        // body pass for a complete one.
        if (expired != null) {
            throw again(expired);
        }
        if (closedByCaller) {
            throw new ResponseClosedException();
        }
        if (n < 0) {
            finished = true;
            cancelCheck();
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return headLength - headPos + (expired == null && !closedByCaller ? in.available() : 0);
    }

    /** Closed by its owner: cancels the exchange and closes the connection unless the body had ended. */
    @Override
    public void close() throws IOException {
        closedByCaller = true;
        cancelCheck();
        in.close();
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

    private static ReadTimeoutException again(ReadTimeoutException e) {
        return new ReadTimeoutException(e.failure(), e.getMessage());
    }

    /** Runs on the watchdog thread: expire if a limit passed, otherwise re-arm for the next possible expiry. */
    private void check() {
        if (finished || closedByCaller || expired != null) {
            return;
        }
        long now = System.nanoTime();
        if (now - limits.deadlineAt >= 0) {
            expire(limits.deadlineExpired(target));
            return;
        }
        long next;
        if (!eventSeen) {
            if (now - limits.firstByteAt >= 0) {
                expire(limits.firstByteExpired(target));
                return;
            }
            next = limits.firstByteAt;
        } else {
            long since = waitingSince;
            long waited = waitedSinceEvent + (since != NOT_WAITING ? now - since : 0);
            if (waited >= limits.idleNanos) {
                expire(limits.idleExpired(target));
                return;
            }
            next = now + (limits.idleNanos - waited);
        }
        if (next - limits.deadlineAt > 0) {
            next = limits.deadlineAt;
        }
        long delay = Math.max(0, next - now);
        if (delay >= CallLimits.NO_LIMIT_NANOS / 2) {
            return; // no limit applies: nothing to watch
        }
        synchronized (this) {
            if (pendingCheck != null) {
                pendingCheck.cancel(false); // one pending check per stream, whoever re-arms
            }
            pendingCheck = finished || closedByCaller ? null
                    : watchdog.schedule(this::check, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ReadTimeoutException reason) {
        expired = reason;
        // Closing may take a moment (it cancels the exchange); keep the shared watchdog thread free.
        Thread.startVirtualThread(() -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is being torn down either way
            }
        });
    }

    private synchronized void cancelCheck() {
        if (pendingCheck != null) {
            pendingCheck.cancel(false);
            pendingCheck = null;
        }
    }
}
