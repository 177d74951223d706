package dev.clawgate.bench;

/**
 * Issue 17's goals, each as PASS/FAIL with Clawgate's figure, nginx's figure from the same run and their ratio:
 * the floor on a machine is what a plain reverse proxy adds, so the gateway is judged against it and not
 * against a slow peer. Absolute goals (agent turn, start-up, --help, RSS) show nginx's figure where it has one.
 */
final class Goals {

    /** nginx's added latency can be ~0 or, by noise, negative; ratios use at least this much (ms). */
    private static final double NGINX_FLOOR_MS = 0.01;

    private final Report rep;

    Goals(Report rep) {
        this.rep = rep;
    }

    void render() {
        rep.md.append("### Goals (issue 17): Clawgate against nginx (proxy_pass, keep-alive) in the same run\n\n");
        rep.header("Goal", "Clawgate", "nginx", "Clawgate / nginx", "Result");
        addedRatio("Added latency p50, non-streaming, c=1 ≤ 2× nginx", "ns.%s.c1.p50_us", "ns.direct.c1.p50_us");
        addedRatio("Added time to first token p50, c=1 ≤ 2× nginx", "ttft.%s.c1.ttft_p50_us", "ttft.direct.c1.ttft_p50_us");
        Double cg16 = rep.num("ns.clawgate.c16.rps");
        Double ng16 = rep.num("ns.nginx.c16.rps");
        Double tput = ratio(cg16, ng16);
        rep.row("Throughput, non-streaming, c=16 ≥ 0.5× nginx", rps(cg16), rps(ng16), times(tput), Report.verdict(tput, 0.5, false));
        Double cpuCg = rep.num("proc.clawgate.c1.cpu_us_per_req");
        Double cpuNg = rep.num("proc.nginx.c1.cpu_us_per_req");
        Double cpu = ratio(cpuCg, cpuNg);
        rep.row("Gateway CPU per request, c=1 ≤ 3× nginx", us(cpuCg), us(cpuNg), times(cpu), Report.verdict(cpu, 3, true));
        Double ctxCg = rep.num("proc.clawgate.c1.ctx_per_req");
        Double ctxNg = rep.num("proc.nginx.c1.ctx_per_req");
        rep.row("Context switches per request, c=1 ≤ 4", one(ctxCg), one(ctxNg), times(ratio(ctxCg, ctxNg)),
                Report.verdict(ctxCg, 4, true));
        for (String rate : new String[] {"500", "1000"}) {
            addedRatio("Open loop " + rate + " req/s: added p99 ≤ 2× nginx", "open.%s.r" + rate + "_p99_us",
                    "open.direct.r" + rate + "_p99_us");
        }
        Double turn10 = rep.num("agent.turn10_ms");
        Double turnN = rep.num("agent.turnN_ms");
        rep.row("Agent turn added (turns 6-25, median) ≤ 3 ms", Report.ms(turn10), "-", "-", Report.verdict(turn10, 3, true));
        Double growth = ratio(turnN, turn10);
        rep.row("Agent turn 1,000 ≤ 1.2× turn 10", Report.ms(turnN) + " vs " + Report.ms(turn10), "-", times(growth),
                Report.verdict(growth, 1.2, true));
        Double start = rep.num("start.clawgate_launcher.ms_median");
        Double startNg = rep.num("start.nginx.ms_median");
        Double startCpu = rep.num("start.clawgate_launcher.cpu_ms_median");
        rep.row("Start to /ready (median) ≤ 400 ms", ms0(start) + (startCpu == null ? "" : " (" + ms0(startCpu) + " CPU)"),
                ms0(startNg), times(ratio(start, startNg)), Report.verdict(start, 400, true));
        Double help = rep.num("cli.help.ms_median");
        rep.row("`./clawgate --help` (median) ≤ 300 ms", ms0(help), "-", "-", Report.verdict(help, 300, true));
        Double rss = rep.num("mem.clawgate.idle_rss_kb");
        Double rssNg = rep.num("mem.nginx.idle_rss_kb");
        rep.row("RSS idle ≤ 100 MB", Report.mb(rss), Report.mb(rssNg), times(ratio(rss, rssNg)),
                Report.verdict(rss == null ? null : rss / 1024, 100, true));
        Double heap = rep.num("mem.clawgate.streams.heap_used_kb");
        rep.row("1,000 open streams within 256 MB heap (keep)", Report.mb(heap), "-", "-",
                Report.verdict(heap == null ? null : heap / 1024, 256, true));
        Double pk16 = rep.num("ns.portkey.c16.rps");
        if (pk16 != null) {
            Double vsPeer = ratio(cg16, pk16);
            rep.row("Throughput c=16 ≥ 4× Portkey (keep)", rps(cg16), "Portkey " + rps(pk16), times(vsPeer),
                    Report.verdict(vsPeer, 4, false));
        }
        rep.md.append('\n');
    }

    /** One "added ≤ 2× nginx's added" row; {@code gwPattern} has %s for the target name. */
    private void addedRatio(String goal, String gwPattern, String directKey) {
        Double cg = rep.addedMs(String.format(gwPattern, "clawgate"), directKey);
        Double ng = rep.addedMs(String.format(gwPattern, "nginx"), directKey);
        Double ratio = cg == null || ng == null ? null : cg / Math.max(ng, NGINX_FLOOR_MS);
        rep.row(goal, Report.signedMs(cg), Report.signedMs(ng), times(ratio), Report.verdict(ratio, 2, true));
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b <= 0 ? null : a / b;
    }

    private static String times(Double v) {
        return v == null ? "n/a" : String.format("%.2f×", v);
    }

    private static String rps(Double v) {
        return v == null ? "n/a" : String.format("%,.0f req/s", v);
    }

    private static String us(Double v) {
        return v == null ? "n/a" : String.format("%.0f µs", v);
    }

    private static String one(Double v) {
        return v == null ? "n/a" : String.format("%.1f", v);
    }

    private static String ms0(Double v) {
        return v == null ? "n/a" : String.format("%,.0f ms", v);
    }
}
