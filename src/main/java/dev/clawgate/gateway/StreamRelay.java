package dev.clawgate.gateway;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Pumps one upstream stream to one SSE client, writing and flushing each event as it arrives.
 *
 * <p>A keep-alive thread writes the API's keep-alive frame after {@code keepAliveInterval} of silence.
 * Besides keeping proxies from timing out during long reasoning, it is how a vanished client is noticed
 * while the upstream is silent: the write fails, and the upstream is closed (cancelled) at once instead of
 * generating tokens nobody will read. Writes from both threads are serialised by one lock.
 */
final class StreamRelay {

    enum Ending { COMPLETED, UPSTREAM_FAILED, CLIENT_GONE }

    /** How the stream ended; {@code failure} is set for {@link Ending#UPSTREAM_FAILED}. */
    record Outcome(Ending ending, UpstreamException failure) {}

    private final EventStream upstream;
    private final StreamEncoder encoder;
    private final SseSink sink;
    private final Duration keepAliveInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final AtomicBoolean upstreamClosed = new AtomicBoolean();
    private volatile boolean clientGone;
    private boolean done;

    StreamRelay(EventStream upstream, StreamEncoder encoder, SseSink sink, Duration keepAliveInterval) {
        this.upstream = upstream;
        this.encoder = encoder;
        this.sink = sink;
        this.keepAliveInterval = keepAliveInterval;
    }

    /**
     * Relays until the upstream ends, fails or the client goes away. Always closes the upstream.
     *
     * @param observer sees each event before it is written (metrics: first token, usage)
     * @param failureEncoder the error event for a mid-stream upstream failure
     */
    Outcome run(Consumer<StreamEvent> observer, java.util.function.Function<UpstreamException, ApiError> failureEncoder) {
        Thread keepAlive = Thread.ofVirtual().name("clawgate-sse-keepalive").start(this::keepAliveLoop);
        try {
            while (true) {
                StreamEvent event;
                try {
                    event = upstream.next();
                } catch (UpstreamException e) {
                    if (sink.broken() || clientGone || upstreamClosed.get()) {
                        return gone();
                    }
                    writeFailure(failureEncoder.apply(e));
                    return new Outcome(Ending.UPSTREAM_FAILED, e);
                }
                if (sink.broken() || clientGone) {
                    return gone();
                }
                if (event == null) {
                    if (upstreamClosed.get()) { // closed under us (shutdown): say so rather than end quietly
                        UpstreamException e = new UpstreamException(dev.clawgate.wire.FailureClass.STREAM_INTERRUPTED,
                                "the gateway is shutting down");
                        writeFailure(failureEncoder.apply(e));
                        return new Outcome(Ending.UPSTREAM_FAILED, e);
                    }
                    write(() -> encoder.onEnd(sink));
                    return new Outcome(Ending.COMPLETED, null);
                }
                if (event instanceof StreamEvent.Error err) {
                    UpstreamException e = new UpstreamException(err.failure(), err.message());
                    writeFailure(failureEncoder.apply(e));
                    return new Outcome(Ending.UPSTREAM_FAILED, e);
                }
                observer.accept(event);
                StreamEvent current = event;
                try {
                    write(() -> encoder.onEvent(current, sink));
                } catch (UpstreamException e) { // the encoder found the event sequence unencodable
                    writeFailure(failureEncoder.apply(e));
                    return new Outcome(Ending.UPSTREAM_FAILED, e);
                }
            }
        } catch (SseSink.ClientGoneException e) {
            return gone();
        } finally {
            lock.lock();
            try {
                done = true;
                finished.signalAll();
            } finally {
                lock.unlock();
            }
            closeUpstream();
        }
    }

    /** The client was seen to hang up (by the gateway's disconnect watch): cancel the upstream now. */
    void clientGone() {
        clientGone = true;
        closeUpstream();
    }

    private Outcome gone() {
        closeUpstream();
        return new Outcome(Ending.CLIENT_GONE, null);
    }

    private void writeFailure(ApiError error) {
        write(() -> encoder.onFailure(error, sink));
    }

    private void write(Runnable encode) {
        lock.lock();
        try {
            encode.run();
            sink.flush();
        } finally {
            lock.unlock();
        }
    }

    private void closeUpstream() {
        if (upstreamClosed.compareAndSet(false, true)) {
            upstream.close();
        }
    }

    private void keepAliveLoop() {
        long interval = keepAliveInterval.toNanos();
        lock.lock();
        try {
            while (!done) {
                long wait = interval - (System.nanoTime() - sink.lastWriteNanos());
                if (wait > 0) {
                    finished.awaitNanos(wait);
                    continue;
                }
                try {
                    encoder.keepAlive(sink);
                    sink.flush();
                } catch (SseSink.ClientGoneException e) {
                    closeUpstream(); // unblocks the relay thread waiting in upstream.next()
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            closeUpstream();
        } finally {
            lock.unlock();
        }
    }
}
