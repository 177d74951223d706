package dev.clawgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the {@code key value} results of one run into the Markdown report: the targets with PASS/FAIL first,
 * then the detail tables. Prints it and writes it to {@code --out}.
 */
final class Report {

    private final Map<String, String> r = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();

    private Report() {
    }

    static void main(Load.Opts o) throws IOException {
        Report rep = new Report();
        for (String line : Files.readAllLines(Path.of(o.need("results")))) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                rep.r.put(line.substring(0, sp), line.substring(sp + 1).trim());
            }
        }
        String text = rep.render();
        System.out.println(text);
        Files.writeString(Path.of(o.need("out")), text);
    }

    // ------------------------------------------------------------------------------------ lookups

    private Double num(String key) {
        String v = r.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code a - b} in ms from two µs figures, or null. */
    private Double addedMs(String gwKey, String directKey) {
        Double a = num(gwKey);
        Double b = num(directKey);
        return a == null || b == null ? null : (a - b) / 1000.0;
    }

    private static String ms(Double v) {
        if (v == null) {
            return "n/a";
        }
        return Math.abs(v) < 10 ? String.format("%.2f ms", v) : String.format("%.1f ms", v);
    }

    private static String usMs(Double us) {
        return us == null ? "n/a" : ms(us / 1000.0);
    }

    private static String signedMs(Double v) {
        return v == null ? "n/a" : (v >= 0 ? "+" : "") + ms(v);
    }

    private static String mb(Double kb) {
        return kb == null ? "n/a" : String.format("%.0f MB", kb / 1024.0);
    }

    private static String rps(Double v) {
        return v == null ? "n/a" : String.format("%,.0f", v);
    }

    private static String verdict(Double value, double limit, boolean atMost) {
        if (value == null) {
            return "n/a";
        }
        boolean pass = atMost ? value <= limit : value >= limit;
        return pass ? "**PASS**" : "**FAIL**";
    }

    private void row(String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c).append(" |");
        }
        md.append('\n');
    }

    private void header(String... cells) {
        row(cells);
        md.append('|');
        for (int i = 0; i < cells.length; i++) {
            md.append("---|");
        }
        md.append('\n');
    }

    private String errs(String prefix) {
        Double e = num(prefix + ".errors");
        return e == null || e == 0 ? "" : String.format(" (%.0f errors)", e);
    }

    // ------------------------------------------------------------------------------------ report

    String render() {
        boolean peer = r.containsKey("ns.portkey.c16.rps");
        md.append("## Clawgate benchmark (").append(r.getOrDefault("meta.mode", "?")).append(" run, ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(")\n\n");
        md.append("Machine: ").append(r.getOrDefault("meta.cpus", "?")).append(" CPUs, load average (1/5/15 min) ")
                .append(r.getOrDefault("meta.load_before", "?")).append(" before, ")
                .append(r.getOrDefault("meta.load_after", "?")).append(" after. ")
                .append(r.getOrDefault("meta.java", "?").replace('_', ' ')).append(". Peer: ")
                .append(peer ? r.getOrDefault("meta.peer", "?").replace('_', ' ') : "none").append(".\n")
                .append("Upstream, gateways and load generators share the machine; added = gateway figure minus the "
                        + "direct figure at the same percentile.\n\n");

        // Targets
        Double p50c1 = addedMs("ns.clawgate.c1.p50_us", "ns.direct.c1.p50_us");
        Double p99c16 = addedMs("ns.clawgate.c16.p99_us", "ns.direct.c16.p99_us");
        Double cg16 = num("ns.clawgate.c16.rps");
        Double pk16 = num("ns.portkey.c16.rps");
        Double ratio = cg16 != null && pk16 != null && pk16 > 0 ? cg16 / pk16 : null;
        Double ttft = addedMs("ttft.clawgate.c1.ttft_p50_us", "ttft.direct.c1.ttft_p50_us");
        Double foRefused = addedMs("fo.refused.fb_p50_us", "fo.direct.fb_p50_us");
        Double fo500 = addedMs("fo.http500.fb_p50_us", "fo.direct.fb_p50_us");
        Double open = num("mem.clawgate.streams.open");
        Double heap = num("mem.clawgate.streams.heap_used_kb");
        Double rss = num("mem.clawgate.streams.rss_kb");
        Double start = num("start.clawgate_launcher.ms_median");

        md.append("### Targets\n\n");
        header("Figure", "Clawgate", "Target", "Result");
        row("Added latency p50, non-streaming, c=1", signedMs(p50c1), "≤ 0.2 ms", verdict(p50c1, 0.2, true));
        row("Added latency p99, non-streaming, c=16", signedMs(p99c16), "≤ 1 ms", verdict(p99c16, 1.0, true));
        row("Throughput vs Portkey, non-streaming, c=16", ratio == null ? "n/a"
                : String.format("%.2f× (%s vs %s req/s)", ratio, rps(cg16), rps(pk16)), "≥ 3×", verdict(ratio, 3.0, false));
        row("Added time to first token p50, streaming, c=1", signedMs(ttft), "≤ 1 ms", verdict(ttft, 1.0, true));
        row("Failover, primary port closed: fallback's first byte p50 over direct", signedMs(foRefused), "≤ 10 ms",
                verdict(foRefused, 10.0, true));
        row("Failover, primary answers 500: fallback's first byte p50 over direct", signedMs(fo500), "≤ 10 ms",
                verdict(fo500, 10.0, true));
        row("1,000 concurrent streams accepted", open == null ? "n/a"
                : String.format("%.0f of 1,000 open", open), "1,000", verdict(open, 1000, false));
        row("Heap after full GC, 1,000 open streams", mb(heap), "≤ 256 MB",
                verdict(heap == null ? null : heap / 1024, 256, true));
        row("RSS, 1,000 open streams", mb(rss), "≤ 400 MB", verdict(rss == null ? null : rss / 1024, 400, true));
        row("Process start to /ready (./clawgate gateway, median)", start == null ? "n/a" : String.format("%.0f ms", start), "≤ 1,000 ms",
                verdict(start, 1000, true));
        md.append('\n');

        // Non-streaming
        md.append("### Non-streaming: POST /v1/chat/completions (wrk, closed loop, keep-alive)\n\n");
        if (peer) {
            header("c", "direct req/s", "direct p50 / p99", "Clawgate req/s", "Clawgate added p50 / p99", "Portkey req/s",
                    "Portkey added p50 / p99");
        } else {
            header("c", "direct req/s", "direct p50 / p99", "Clawgate req/s", "Clawgate added p50 / p99");
        }
        for (String c : new String[] {"1", "16", "64"}) {
            String d = "ns.direct.c" + c;
            String g = "ns.clawgate.c" + c;
            String p = "ns.portkey.c" + c;
            String direct = usMs(num(d + ".p50_us")) + " / " + usMs(num(d + ".p99_us"));
            String cg = signedMs(addedMs(g + ".p50_us", d + ".p50_us")) + " / " + signedMs(addedMs(g + ".p99_us", d + ".p99_us"));
            if (peer) {
                String pk = signedMs(addedMs(p + ".p50_us", d + ".p50_us")) + " / " + signedMs(addedMs(p + ".p99_us", d + ".p99_us"));
                row(c, rps(num(d + ".rps")) + errs(d), direct, rps(num(g + ".rps")) + errs(g), cg, rps(num(p + ".rps")) + errs(p), pk);
            } else {
                row(c, rps(num(d + ".rps")) + errs(d), direct, rps(num(g + ".rps")) + errs(g), cg);
            }
        }
        md.append('\n');

        // Streaming
        md.append("### Streaming: time to first token (Chat Completions, 8 chunks 2 ms apart; raw-socket client)\n\n");
        header("c", "direct TTFT p50 / p99", "Clawgate added p50 / p99", peer ? "Portkey added p50 / p99" : "-");
        for (String c : new String[] {"1", "16"}) {
            String d = "ttft.direct.c" + c;
            String g = "ttft.clawgate.c" + c;
            String p = "ttft.portkey.c" + c;
            row(c, usMs(num(d + ".ttft_p50_us")) + " / " + usMs(num(d + ".ttft_p99_us")) + errs(d),
                    signedMs(addedMs(g + ".ttft_p50_us", d + ".ttft_p50_us")) + " / "
                            + signedMs(addedMs(g + ".ttft_p99_us", d + ".ttft_p99_us")) + errs(g),
                    peer ? signedMs(addedMs(p + ".ttft_p50_us", d + ".ttft_p50_us")) + " / "
                            + signedMs(addedMs(p + ".ttft_p99_us", d + ".ttft_p99_us")) + errs(p) : "-");
        }
        md.append('\n');

        // Failover
        md.append("### Failover: streamed request, time to the first response byte (and first token)\n\n");
        header("Scenario", "first byte p50 / p99", "over direct p50 / p99", "first token p50", "samples", "answered by fallback");
        String[][] fo = {
            {"fo.direct", "direct call to the fallback (baseline)"},
            {"fo.refused", "Clawgate, primary port closed"},
            {"fo.http500", "Clawgate, primary answers HTTP 500"},
            {"fo.cooled", "Clawgate, primary cooling down (skipped)"},
            {"fo.portkey_refused", "Portkey fallback config, primary port closed"},
            {"fo.portkey_http500", "Portkey fallback config, primary answers HTTP 500"},
        };
        for (String[] s : fo) {
            if (!r.containsKey(s[0] + ".n")) {
                continue;
            }
            Double mism = num(s[0] + ".mismatch");
            Double n = num(s[0] + ".n");
            row(s[1], usMs(num(s[0] + ".fb_p50_us")) + " / " + usMs(num(s[0] + ".fb_p99_us")),
                    s[0].equals("fo.direct") ? "-" : signedMs(addedMs(s[0] + ".fb_p50_us", "fo.direct.fb_p50_us")) + " / "
                            + signedMs(addedMs(s[0] + ".fb_p99_us", "fo.direct.fb_p99_us")),
                    usMs(num(s[0] + ".ttft_p50_us")),
                    String.format("%.0f", n == null ? 0 : n) + errs(s[0]),
                    mism == null ? "-" : String.format("%.0f of %.0f", (n == null ? 0 : n) - mism, n == null ? 0 : n));
        }
        md.append('\n');

        // Footprint
        md.append("### Footprint (RSS from /proc; heap = used after jcmd GC.run, from GC.heap_info)\n\n");
        header("", "Clawgate", peer ? "Portkey" : "-");
        row("RSS idle, after start", mb(num("mem.clawgate.idle_rss_kb")), peer ? mb(num("mem.portkey.idle_rss_kb")) : "-");
        row("Streams open of 1,000 requested", fmt0(num("mem.clawgate.streams.open")),
                peer ? fmt0(num("mem.portkey.streams.open")) : "-");
        row("RSS with the streams open", mb(num("mem.clawgate.streams.rss_kb")),
                peer ? mb(num("mem.portkey.streams.rss_kb")) : "-");
        row("Heap used after full GC", mb(num("mem.clawgate.streams.heap_used_kb")), "-");
        row("Heap committed after full GC", mb(num("mem.clawgate.streams.heap_committed_kb")), "-");
        row("RSS after full GC", mb(num("mem.clawgate.streams.rss_after_gc_kb")), "-");
        md.append('\n');

        // Start
        md.append("### Start to ready (process launch to first 200 from /ready; Portkey: from /)\n\n");
        header("Process", "median", "min – max", "runs");
        startRow("Clawgate, ./clawgate gateway", "start.clawgate_launcher");
        if (peer) {
            startRow("Portkey, node build/start-server.js", "start.portkey");
        }
        md.append('\n');
        return md.toString();
    }

    private static String fmt0(Double v) {
        return v == null ? "n/a" : String.format("%.0f", v);
    }

    private void startRow(String name, String key) {
        if (!r.containsKey(key + ".ms_median")) {
            return;
        }
        row(name, fmt0(num(key + ".ms_median")) + " ms", fmt0(num(key + ".ms_min")) + " – " + fmt0(num(key + ".ms_max")) + " ms",
                fmt0(num(key + ".runs")));
    }
}
