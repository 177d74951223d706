package dev.clawgate.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code jfr-summary --file F --requests N --seconds S [--filter PKG] [--top K]}: what one request costs in a
 * JFR recording of a measured window of S seconds. Allocation per request is exact, from the heap: the growth of
 * the used heap between each collection and the next ({@code jdk.GCHeapSummary}, after GC to before GC) gives
 * the allocation rate, divided by the request rate. The sites come from {@code jdk.ObjectAllocationSample}
 * weights (an estimate that a few samples with large weights can skew, so read their shares as a guide): the top
 * frame and the first frame in {@code PKG} (default {@code dev.clawgate.upstream}), with the allocated class. CPU is
 * {@code jdk.ExecutionSample}: hot methods (top frame) and, inclusive, the methods of {@code PKG} on the stack.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static void main(Load.Opts o) throws Exception {
        Path file = Path.of(o.need("file"));
        long requests = Long.parseLong(o.get("requests", "0"));
        double seconds = Double.parseDouble(o.get("seconds", "0"));
        String filter = o.get("filter", "dev.clawgate.upstream");
        int top = Integer.parseInt(o.get("top", "15"));

        long allocTotal = 0;
        Map<String, Long> allocTopFrame = new HashMap<>();
        Map<String, Long> allocInFilter = new HashMap<>();
        long samples = 0;
        long samplesInFilter = 0;
        Map<String, Long> hotSelf = new HashMap<>();
        Map<String, Long> hotInclusive = new HashMap<>();
        List<RecordedEvent> heap = new java.util.ArrayList<>();
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.GCHeapSummary")) {
                    heap.add(e);
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    long w = e.getLong("weight");
                    allocTotal += w;
                    String cls = e.getClass("objectClass").getName();
                    List<RecordedFrame> frames = frames(e.getStackTrace());
                    allocTopFrame.merge(frames.isEmpty() ? "?" : name(frames.get(0)) + " -> " + cls, w, Long::sum);
                    for (RecordedFrame f : frames) {
                        if (f.getMethod().getType().getName().startsWith(filter)) {
                            allocInFilter.merge(name(f) + " -> " + cls, w, Long::sum);
                            break;
                        }
                    }
                } else if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    List<RecordedFrame> frames = frames(e.getStackTrace());
                    if (!frames.isEmpty()) {
                        hotSelf.merge(name(frames.get(0)), 1L, Long::sum);
                    }
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        if (f.getMethod().getType().getName().startsWith(filter) && seen.add(name(f))) {
                            hotInclusive.merge(name(f), 1L, Long::sum);
                        }
                    }
                    if (!seen.isEmpty()) {
                        samplesInFilter++;
                    }
                }
            }
        }
        heap.sort(java.util.Comparator.comparing(RecordedEvent::getStartTime));
        long grown = 0;
        long lastAfter = -1;
        java.time.Instant from = null;
        java.time.Instant to = null;
        for (RecordedEvent h : heap) {
            boolean before = h.getString("when").equals("Before GC");
            if (before && lastAfter >= 0) {
                grown += h.getLong("heapUsed") - lastAfter;
                to = h.getStartTime();
            } else if (!before) {
                lastAfter = h.getLong("heapUsed");
                if (from == null) {
                    from = h.getStartTime();
                }
            }
        }
        double spanSeconds = from == null || to == null ? 0 : java.time.Duration.between(from, to).toNanos() / 1e9;
        if (spanSeconds > 0 && requests > 0 && seconds > 0) {
            System.out.printf("alloc.bytes_per_req %.0f%n", grown / spanSeconds / (requests / seconds));
        }
        System.out.printf("alloc.sampled_bytes_per_req %.0f%n", requests > 0 ? (double) allocTotal / requests : 0);
        System.out.printf("cpu.samples %d%n", samples);
        System.out.printf("cpu.samples_in_filter_pct %.1f%n", samples == 0 ? 0 : 100.0 * samplesInFilter / samples);
        print("allocation by top frame -> class (bytes per request, % of all)", allocTopFrame, allocTotal, requests, top);
        print("allocation by first " + filter + " frame -> class", allocInFilter, allocTotal, requests, top);
        print("hot methods, top frame (samples, % of all)", hotSelf, samples, 0, top);
        print(filter + " methods on the stack, inclusive (samples, % of all)", hotInclusive, samples, 0, top);
    }

    private static List<RecordedFrame> frames(RecordedStackTrace st) {
        return st == null ? List.of() : st.getFrames();
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long total, long requests, int top) {
        System.out.println("# " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf("#   %8s %5.1f%%  %s%n",
                        requests > 0 ? String.format("%.0f", (double) en.getValue() / requests) : en.getValue().toString(),
                        total == 0 ? 0 : 100.0 * en.getValue() / total, en.getKey()));
    }
}
