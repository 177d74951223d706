package dev.clawgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator for what wrk cannot express, over {@link Http1}. Every command prints
 * {@code key value} lines (appended by run.sh to the results file).
 *
 * <pre>
 * stream   streamed requests in a closed loop: time to first byte and to first token, p50/p99
 *          (also failover: --models cycles through primaries that fail; --expect-header checks who answered)
 * streams  opens N slow streams at once, and with all of them open samples the server's RSS and, for a
 *          JVM, its heap after a full GC (jcmd GC.run + GC.heap_info)
 * startup  launches a server command K times and times process start to the first 200 from a URL
 * </pre>
 */
final class Load {

    private Load() {
    }

    /** Command-line options: {@code --name value}; repeatable ones keep every value. */
    static final class Opts {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final List<String> rest = new ArrayList<>();

        Opts(String[] args, int from) {
            for (int i = from; i < args.length; i++) {
                if (args[i].equals("--")) {
                    rest.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    break;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value at " + args[i]);
                }
                values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
            }
        }

        String get(String name, String dflt) {
            List<String> v = values.get(name);
            return v == null ? dflt : v.get(v.size() - 1);
        }

        String need(String name) {
            String v = get(name, null);
            if (v == null) {
                throw new IllegalArgumentException("missing --" + name);
            }
            return v;
        }

        int integer(String name, int dflt) {
            return Integer.parseInt(get(name, Integer.toString(dflt)));
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    /** Where a server is and what to send it. */
    record Target(String host, int port, String path, byte[] bodyTemplate, Map<String, String> headers) {

        static Target of(Opts o) throws IOException {
            String[] hp = o.need("target").split(":");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : o.all("header")) {
                int c = h.indexOf(':');
                headers.put(h.substring(0, c).trim(), h.substring(c + 1).trim());
            }
            return new Target(hp[0], Integer.parseInt(hp[1]), o.get("path", "/v1/chat/completions"),
                    Files.readAllBytes(Path.of(o.need("body"))), headers);
        }

        byte[] request(String model) {
            byte[] body = bodyTemplate;
            if (model != null) {
                body = new String(bodyTemplate, StandardCharsets.UTF_8).replace("{{MODEL}}", model)
                        .getBytes(StandardCharsets.UTF_8);
            }
            return Http1.post(host, port, path, headers, body);
        }
    }

    /** Finds the first output token in a streamed body, for Chat Completions or Responses. */
    static class TokenWatch implements Http1.BodyListener {
        private static final byte[] DELTA = "response.output_text.delta".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONTENT = "\"content\":".getBytes(StandardCharsets.US_ASCII);
        private final boolean responses;
        private byte[] seen = new byte[4096];
        private int length;
        long tokenNanos;
        boolean sawEnd;
        private final byte[] endMarker;

        TokenWatch(boolean responses) {
            this.responses = responses;
            this.endMarker = (responses ? "response.completed" : "[DONE]").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void onBody(byte[] buf, int off, int len, long nanos) {
            int from = Math.max(0, length - 64);
            if (length + len > seen.length) {
                if (tokenNanos != 0) { // only the tail matters now: keep the last 64 bytes
                    int keep = Math.min(length, 64);
                    System.arraycopy(seen, length - keep, seen, 0, keep);
                    length = keep;
                    from = 0;
                }
                if (length + len > seen.length) {
                    seen = Arrays.copyOf(seen, Math.max(seen.length * 2, length + len));
                }
            }
            System.arraycopy(buf, off, seen, length, len);
            length += len;
            if (tokenNanos == 0 && (responses ? indexOf(DELTA, from) >= 0 : hasContent(from))) {
                tokenNanos = nanos;
            }
            if (!sawEnd && indexOf(endMarker, Math.max(0, length - len - endMarker.length)) >= 0) {
                sawEnd = true;
            }
        }

        /** {@code "content":} then optional spaces, a quote, and a character that is not a quote. */
        private boolean hasContent(int from) {
            int i = from;
            while ((i = indexOf(CONTENT, i)) >= 0) {
                int j = i + CONTENT.length;
                while (j < length && seen[j] == ' ') {
                    j++;
                }
                if (j + 1 < length && seen[j] == '"' && seen[j + 1] != '"') {
                    return true;
                }
                i++;
            }
            return false;
        }

        private int indexOf(byte[] needle, int from) {
            outer:
            for (int i = from; i <= length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (seen[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------------- stream

    static void stream(Opts o) throws Exception {
        Target t = Target.of(o);
        String key = o.need("key");
        boolean responses = o.get("api", "chat").equals("responses");
        int concurrency = o.integer("concurrency", 1);
        int requests = o.integer("requests", 0);
        double duration = Double.parseDouble(o.get("duration", "5"));
        double warmup = Double.parseDouble(o.get("warmup", "1"));
        String[] models = o.get("models", "").isEmpty() ? null : o.get("models", "").split(",");
        String expect = o.get("expect-header", null);

        List<Samples> fb = new ArrayList<>();
        List<Samples> tok = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        int warmupRequests = o.integer("warmup-requests", 0);
        AtomicInteger issued = new AtomicInteger();
        StringBuilder firstError = new StringBuilder();
        long start = System.nanoTime();
        long measureFrom = requests > 0 ? start : start + (long) (warmup * 1e9);
        long deadline = requests > 0 ? Long.MAX_VALUE : measureFrom + (long) (duration * 1e9);
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            Samples fbs = new Samples();
            Samples toks = new Samples();
            synchronized (fb) {
                fb.add(fbs);
                tok.add(toks);
            }
                        workers[w] = Thread.ofPlatform().name("load-" + w).start(() -> {
                Http1 conn = null;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        break;
                    }
                    int i = issued.getAndIncrement();
                    if (requests > 0 && i >= warmupRequests + requests) {
                        break;
                    }
                    boolean measuring = requests > 0 ? i >= warmupRequests : now >= measureFrom;
                    String model = models == null ? null : models[Math.floorMod(i, models.length)];
                    byte[] req = t.request(model);
                    TokenWatch watch = new TokenWatch(responses);
                    try {
                        if (conn == null || !conn.isOpen()) {
                            conn = new Http1(t.host(), t.port(), 30_000);
                        }
                        long t0 = System.nanoTime();
                        Http1.Response r = conn.exchange(req, watch);
                        boolean ok = r.status() == 200 && watch.tokenNanos != 0 && watch.sawEnd;
                        if (expect != null) {
                            String[] kv = expect.split("=", 2);
                            if (!kv[1].equals(r.headers().get(kv[0].toLowerCase()))) {
                                mismatches.incrementAndGet();
                            }
                        }
                        if (!ok) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError.isEmpty()) {
                                    firstError.append("status ").append(r.status()).append(" token=")
                                            .append(watch.tokenNanos != 0).append(" end=").append(watch.sawEnd)
                                            .append(" model=").append(model);
                                }
                            }
                            continue;
                        }
                        if (measuring) {
                            fbs.add(r.headNanos() - t0);
                            toks.add(watch.tokenNanos - t0);
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError.isEmpty()) {
                                firstError.append(e);
                            }
                        }
                        if (conn != null) {
                            conn.close();
                            conn = null;
                        }
                        sleepQuietly(10);
                    }
                }
                if (conn != null) {
                    conn.close();
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
        long[] fbAll = merge(fb);
        long[] tokAll = merge(tok);
        double seconds = (System.nanoTime() - measureFrom) / 1e9;
        print(key + ".n", fbAll.length);
        print(key + ".errors", errors.get());
        if (expect != null) {
            print(key + ".mismatch", mismatches.get());
        }
        if (requests == 0) {
            print(key + ".rps", String.format("%.1f", fbAll.length / seconds));
        }
        percentiles(key + ".fb", fbAll);
        percentiles(key + ".ttft", tokAll);
        if (!firstError.isEmpty()) {
            System.err.println(key + ": first error: " + firstError);
        }
    }

    /** A growable list of longs, one per worker (no sharing while measuring). */
    static final class Samples {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    static long[] merge(List<Samples> parts) {
        int total = 0;
        for (Samples p : parts) {
            total += p.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Samples p : parts) {
            System.arraycopy(p.values, 0, all, at, p.size);
            at += p.size;
        }
        Arrays.sort(all);
        return all;
    }

    static void percentiles(String key, long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            return;
        }
        print(key + "_p50_us", sortedNanos[rank(sortedNanos.length, 50)] / 1000);
        print(key + "_p90_us", sortedNanos[rank(sortedNanos.length, 90)] / 1000);
        print(key + "_p99_us", sortedNanos[rank(sortedNanos.length, 99)] / 1000);
        print(key + "_max_us", sortedNanos[sortedNanos.length - 1] / 1000);
    }

    /** Nearest-rank percentile index. */
    static int rank(int n, double p) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1));
    }

    // --------------------------------------------------------------------------------------- streams

    static void streams(Opts o) throws Exception {
        Target t = Target.of(o);
        String key = o.need("key");
        int n = o.integer("n", 1000);
        long pid = Long.parseLong(o.need("pid"));
        String jcmd = o.get("jcmd", null);
        boolean responses = o.get("api", "chat").equals("responses");
        CountDownLatch firstTokens = new CountDownLatch(n);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        List<Http1> conns = new ArrayList<>();
        byte[] req = t.request(null);
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                boolean[] counted = {false};
                try (Http1 c = new Http1(t.host(), t.port(), 120_000)) {
                    synchronized (conns) {
                        conns.add(c);
                    }
                    TokenWatch watch = new TokenWatch(responses) {
                        @Override
                        public void onBody(byte[] buf, int off, int len, long nanos) {
                            super.onBody(buf, off, len, nanos);
                            if (tokenNanos != 0 && !counted[0]) {
                                counted[0] = true;
                                firstTokens.countDown();
                            }
                        }
                    };
                    c.exchange(req, watch);
                    ended.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                } finally {
                    if (!counted[0]) {
                        firstTokens.countDown();
                    }
                }
            }));
            if (i % 100 == 99) {
                Thread.sleep(20); // a short ramp: 1,000 connects in one burst overflows small accept backlogs
            }
        }
        boolean all = firstTokens.await(Integer.parseInt(o.get("open-timeout-s", "60")), TimeUnit.SECONDS);
        long openMs = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(Long.parseLong(o.get("settle-ms", "2000")));
        int open = n - failed.get() - ended.get();
        print(key + ".open_ms", openMs);
        print(key + ".all_open", all ? 1 : 0);
        print(key + ".open", open);
        print(key + ".failed", failed.get());
        print(key + ".rss_kb", rssKb(pid));
        if (jcmd != null) {
            run(jcmd, Long.toString(pid), "GC.run");
            String info = run(jcmd, Long.toString(pid), "GC.heap_info");
            long used = 0;
            long committed = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            while (m.find()) {
                committed += Long.parseLong(m.group(1));
                used += Long.parseLong(m.group(2));
            }
            print(key + ".heap_used_kb", used);
            print(key + ".heap_committed_kb", committed);
            print(key + ".rss_after_gc_kb", rssKb(pid));
            String histo = o.get("histogram-out", null);
            if (histo != null) { // what the open streams hold on to, for profiling
                Files.writeString(Path.of(histo), run(jcmd, Long.toString(pid), "GC.class_histogram"));
            }
        }
        print(key + ".still_open", n - failed.get() - ended.get());
        synchronized (conns) {
            conns.forEach(Http1::close);
        }
        for (Thread th : threads) {
            th.join(10_000);
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    // --------------------------------------------------------------------------------------- startup

    static void startup(Opts o) throws Exception {
        String key = o.need("key");
        int runs = o.integer("runs", 3);
        String[] hp = o.need("target").split(":");
        String path = o.get("path", "/ready");
        long timeoutMs = Long.parseLong(o.get("timeout-ms", "20000"));
        byte[] get = Http1.get(hp[0], Integer.parseInt(hp[1]), path);
        long[] ms = new long[runs];
        long[] cpuMs = new long[runs];
        for (int r = 0; r < runs; r++) {
            ProcessBuilder pb = new ProcessBuilder(o.rest).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            long took = -1;
            try {
                while ((System.nanoTime() - t0) / 1_000_000 < timeoutMs && p.isAlive()) {
                    try (Http1 c = new Http1(hp[0], Integer.parseInt(hp[1]), 1000)) {
                        Http1.Response resp = c.exchange(get, (b, off, len, nanos) -> { });
                        if (resp.status() == 200) {
                            took = (System.nanoTime() - t0) / 1_000_000;
                            cpuMs[r] = cpuMillis(p.pid());
                            break;
                        }
                    } catch (IOException e) {
                        // not listening yet
                    }
                    Thread.sleep(2);
                }
            } finally {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            ms[r] = took;
            Thread.sleep(300);
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        print(key + ".runs", runs);
        print(key + ".ms_min", sorted[0]);
        print(key + ".ms_median", sorted[runs / 2]);
        print(key + ".ms_max", sorted[runs - 1]);
        // CPU time the process had used when it was ready: on a loaded machine wall time stretches, this does not
        Arrays.sort(cpuMs);
        print(key + ".cpu_ms_median", cpuMs[runs / 2]);
    }

    /** User + system CPU time of a process, from /proc/PID/stat (clock ticks of 10 ms); -1 when unreadable. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void print(String key, Object value) {
        System.out.println(key + " " + value);
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
