package dev.clawgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the {@code key value} results of one run into the Markdown report: the targets with PASS/FAIL first,
 * then the detail tables. Prints it and writes it to {@code --out}.
 */
final class Report {

    private final Map<String, String> r = new LinkedHashMap<>();
    final StringBuilder md = new StringBuilder();

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

    Double num(String key) {
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
    Double addedMs(String gwKey, String directKey) {
        Double a = num(gwKey);
        Double b = num(directKey);
        return a == null || b == null ? null : (a - b) / 1000.0;
    }

    static String ms(Double v) {
        if (v == null) {
            return "n/a";
        }
        return Math.abs(v) < 10 ? String.format("%.2f ms", v) : String.format("%.1f ms", v);
    }

    private static String usMs(Double us) {
        return us == null ? "n/a" : ms(us / 1000.0);
    }

    static String signedMs(Double v) {
        return v == null ? "n/a" : (v >= 0 ? "+" : "") + ms(v);
    }

    static String mb(Double kb) {
        return kb == null ? "n/a" : String.format("%.0f MB", kb / 1024.0);
    }

    private static String rps(Double v) {
        return v == null ? "n/a" : String.format("%,.0f", v);
    }

    static String verdict(Double value, double limit, boolean atMost) {
        if (value == null) {
            return "n/a";
        }
        boolean pass = atMost ? value <= limit : value >= limit;
        return pass ? "**PASS**" : "**FAIL**";
    }

    void row(String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c).append(" |");
        }
        md.append('\n');
    }

    void header(String... cells) {
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

        // Goals against nginx, then the targets kept from before issue 17
        new Goals(this).render();
        Double foRefused = addedMs("fo.refused.fb_p50_us", "fo.direct.fb_p50_us");
        Double fo500 = addedMs("fo.http500.fb_p50_us", "fo.direct.fb_p50_us");
        Double open = num("mem.clawgate.streams.open");
        Double rss = num("mem.clawgate.streams.rss_kb");
        md.append("### Other targets\n\n");
        header("Figure", "Clawgate", "Target", "Result");
        row("Failover, primary port closed: fallback's first byte p50 over direct", signedMs(foRefused), "≤ 10 ms",
                verdict(foRefused, 10.0, true));
        row("Failover, primary answers 500: fallback's first byte p50 over direct", signedMs(fo500), "≤ 10 ms",
                verdict(fo500, 10.0, true));
        row("1,000 concurrent streams accepted", open == null ? "n/a"
                : String.format("%.0f of 1,000 open", open), "1,000", verdict(open, 1000, false));
        row("RSS, 1,000 open streams", mb(rss), "≤ 400 MB", verdict(rss == null ? null : rss / 1024, 400, true));
        md.append('\n');

        // Non-streaming
        String[] gateways = gateways();
        md.append("### Non-streaming: POST /v1/chat/completions (wrk, closed loop, keep-alive)\n\n");
        List<String> cols = new ArrayList<>(List.of("c", "direct req/s", "direct p50 / p99"));
        for (String g : gateways) {
            cols.add(label(g) + " req/s");
            cols.add(label(g) + " added p50 / p99");
        }
        header(cols.toArray(String[]::new));
        for (String c : new String[] {"1", "16", "64"}) {
            String d = "ns.direct.c" + c;
            if (!r.containsKey(d + ".rps")) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(c, rps(num(d + ".rps")) + errs(d),
                    usMs(num(d + ".p50_us")) + " / " + usMs(num(d + ".p99_us"))));
            for (String g : gateways) {
                String k = "ns." + g + ".c" + c;
                cells.add(rps(num(k + ".rps")) + errs(k));
                cells.add(signedMs(addedMs(k + ".p50_us", d + ".p50_us")) + " / " + signedMs(addedMs(k + ".p99_us", d + ".p99_us")));
            }
            row(cells.toArray(String[]::new));
        }
        md.append('\n');
        md.append("Gateway process, c=1 window: CPU per request (utime + stime from /proc/PID/stat) and context switches per "
                + "request (voluntary + nonvoluntary, summed over /proc/PID/task/*; nginx: master and workers)\n\n");
        header("", "CPU per request", "context switches per request");
        for (String g : gateways) {
            if (r.containsKey("proc." + g + ".c1.cpu_us_per_req")) {
                row(label(g), fmt0(num("proc." + g + ".c1.cpu_us_per_req")) + " µs",
                        String.format("%.1f", num("proc." + g + ".c1.ctx_per_req")));
            }
        }
        md.append('\n');

        // Streaming
        md.append("### Streaming: time to first token (Chat Completions, 8 chunks 2 ms apart; raw-socket client)\n\n");
        cols = new ArrayList<>(List.of("c", "direct TTFT p50 / p99"));
        for (String g : gateways) {
            cols.add(label(g) + " added p50 / p99");
        }
        header(cols.toArray(String[]::new));
        for (String c : new String[] {"1", "16"}) {
            String d = "ttft.direct.c" + c;
            List<String> cells = new ArrayList<>(List.of(c,
                    usMs(num(d + ".ttft_p50_us")) + " / " + usMs(num(d + ".ttft_p99_us")) + errs(d)));
            for (String g : gateways) {
                String k = "ttft." + g + ".c" + c;
                cells.add(signedMs(addedMs(k + ".ttft_p50_us", d + ".ttft_p50_us")) + " / "
                        + signedMs(addedMs(k + ".ttft_p99_us", d + ".ttft_p99_us")) + errs(k));
            }
            row(cells.toArray(String[]::new));
        }
        md.append('\n');

        // Open loop
        if (r.containsKey("open.direct.r500.requests")) {
            md.append("### Open loop: fixed request rate, latency from each request's due time (queueing counts)\n\n");
            header("rate", "direct p50 / p99", "Clawgate added p50 / p99", "nginx added p50 / p99", "late sends (all targets)");
            for (String rate : new String[] {"500", "1000"}) {
                String d = "open.direct.r" + rate;
                String late = fmt0(sum("open.direct.r" + rate + ".late", "open.clawgate.r" + rate + ".late", "open.nginx.r" + rate + ".late"));
                row(rate + " req/s", usMs(num(d + "_p50_us")) + " / " + usMs(num(d + "_p99_us")) + errs(d),
                        openAdded("clawgate", rate), openAdded("nginx", rate), late);
            }
            md.append('\n');
        }

        // Agent and CLI
        if (r.containsKey("agent.turn10_ms") || r.containsKey("cli.help.ms_median")) {
            md.append("### Agent turn cost and CLI start\n\n");
            header("Figure", "Clawgate");
            row("Agent turn, turns 6-25 of one session (median; bench/agent)", ms(num("agent.turn10_ms")));
            row("Agent turn, last 20 turns of " + fmt0(num("agent.turns")) + " (median)", ms(num("agent.turnN_ms")));
            row("`./clawgate --help`, median of " + fmt0(num("cli.help.runs")), fmt0(num("cli.help.ms_median")) + " ms");
            md.append('\n');
        }

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
        row("RSS idle, nginx (master + workers)", mb(num("mem.nginx.idle_rss_kb")), "-");
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
        startRow("nginx (first 200 from /v1/models through it)", "start.nginx");
        md.append('\n');
        return md.toString();
    }

    private String[] gateways() {
        return Stream.of("clawgate", "nginx", "portkey")
                .filter(g -> r.keySet().stream().anyMatch(k -> k.startsWith("ns." + g + ".") || k.startsWith("ttft." + g + ".")))
                .toArray(String[]::new);
    }

    private static String label(String gateway) {
        return switch (gateway) {
            case "clawgate" -> "Clawgate";
            case "nginx" -> "nginx";
            default -> "Portkey";
        };
    }

    private Double sum(String... keys) {
        double total = 0;
        for (String k : keys) {
            Double v = num(k);
            total += v == null ? 0 : v;
        }
        return total;
    }

    private String openAdded(String gateway, String rate) {
        String k = "open." + gateway + ".r" + rate;
        String d = "open.direct.r" + rate;
        return signedMs(addedMs(k + "_p50_us", d + "_p50_us")) + " / " + signedMs(addedMs(k + "_p99_us", d + "_p99_us")) + errs(k);
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
