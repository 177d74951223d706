package dev.clawgate.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate}, whether or not earlier
 * ones have answered, and its latency is measured from that due time to the end of its response. A server
 * that stalls therefore shows its queueing in the figures instead of slowing the generator down (no
 * coordinated omission, unlike a closed loop such as wrk).
 *
 * <p>{@code --workers} keep-alive connections (virtual threads) take the next due request in turn; when all
 * of them are busy, the due requests wait, and that wait counts. Each connection first sends {@code --prewarm}
 * requests in a closed loop (not measured) so that the schedule starts on a warm client. Prints {@code KEY.rate}, {@code
 * KEY.requests}, {@code KEY.errors}, {@code KEY.late} (requests sent more than 1 ms after their due time) and
 * {@code KEY_p50_us}/{@code p90}/{@code p99}/{@code max}.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    static void run(Load.Opts o) throws Exception {
        String key = o.need("key");
        double rate = Double.parseDouble(o.need("rate"));
        long warmupNanos = (long) (Double.parseDouble(o.get("warmup", "2")) * 1e9);
        long durationNanos = (long) (Double.parseDouble(o.get("duration", "10")) * 1e9);
        int workers = o.integer("workers", 64);
        Load.Target target = Load.Target.of(o);
        byte[] request = target.request(null);
        double periodNanos = 1e9 / rate;
        // Closed-loop requests per connection before the schedule starts, so that the generator's own cold JIT
        // and connection set-up do not become a backlog that the due-time schedule then carries forward.
        int prewarm = o.integer("prewarm", 8);

        CountDownLatch warmed = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        long[] schedule = new long[3]; // start, measureFrom, end: written before go opens
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong late = new AtomicLong();
        List<Load.Samples> parts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Load.Samples samples = new Load.Samples();
            parts.add(samples);
            threads.add(Thread.ofVirtual().start(() -> {
                Http1 conn = null;
                try {
                    for (int i = 0; i < prewarm; i++) {
                        try {
                            if (conn == null || !conn.isOpen()) {
                                conn = new Http1(target.host(), target.port(), 10_000);
                            }
                            conn.exchange(request, (b, off, len, nanos) -> { });
                        } catch (IOException e) {
                            closeQuietly(conn);
                            conn = null;
                        }
                    }
                    warmed.countDown();
                    go.await();
                    long start = schedule[0];
                    long measureFrom = schedule[1];
                    long end = schedule[2];
                    while (true) {
                        long due = start + (long) (next.getAndIncrement() * periodNanos);
                        if (due >= end) {
                            return;
                        }
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        boolean measured = due >= measureFrom;
                        if (measured && System.nanoTime() - due > 1_000_000L) {
                            late.incrementAndGet();
                        }
                        try {
                            if (conn == null || !conn.isOpen()) {
                                conn = new Http1(target.host(), target.port(), 10_000);
                            }
                            Http1.Response r = conn.exchange(request, (b, off, len, nanos) -> { });
                            long done = System.nanoTime();
                            if (r.status() != 200) {
                                if (measured) {
                                    errors.incrementAndGet();
                                }
                            } else if (measured) {
                                samples.add(done - due);
                            }
                        } catch (IOException e) {
                            if (measured) {
                                errors.incrementAndGet();
                            }
                            closeQuietly(conn);
                            conn = null;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    closeQuietly(conn);
                }
            }));
        }
        warmed.await();
        schedule[0] = System.nanoTime() + 20_000_000L;
        schedule[1] = schedule[0] + warmupNanos;
        schedule[2] = schedule[1] + durationNanos;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Load.merge(parts);
        Load.print(key + ".rate", (long) rate);
        Load.print(key + ".requests", all.length);
        Load.print(key + ".errors", errors.get());
        Load.print(key + ".late", late.get());
        Load.percentiles(key, all);
    }

    private static void closeQuietly(Http1 conn) {
        if (conn != null) {
            conn.close();
        }
    }
}
