#!/usr/bin/env bash
# Where the gateway's CPU and context switches go, per request: Clawgate (through ./clawgate) and, unless
# BENCH_SKIP_NGINX=1, nginx on the bench's loopback upstream, non-streaming, wrk at c=1 and c=16. For each
# window it prints req/s, p50, CPU µs and context switches per request (as run.sh measures them), and for
# Clawgate the same per thread group (carriers, pollers, JIT compiler threads, ledger...), so a change can be
# told apart from JIT warm-up. --jfr also records each Clawgate window with bench/profile.jfc (CPU-time and
# execution samples, allocation samples, thread parks, virtual-thread starts, socket reads and writes).
#
#   bench/profile.sh [--jfr]          # work directory and figures under bench/target/profile/
#   WARM=30 DUR=15 bench/profile.sh   # warm-up at c=16 and window length (seconds)
#   CLAWGATE_JAVA_OPTS=-Djdk.pollerMode=1 bench/profile.sh   # A/B a JVM option
#
# Needs wrk, curl, python3, a JDK 21+ (JAVA_HOME, else the one ./clawgate chose) and the bench jar (run.sh
# builds it). Same load, same numbers: compare runs at similar load averages (printed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$BENCH/target/profile"
JFR=0; [ "${1:-}" = --jfr ] && JFR=1
rm -rf "$WORK"; mkdir -p "$WORK/home"
RESULTS="$WORK/results.txt"
log() { printf '[profile %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
if [ -z "${JAVA_HOME:-}" ]; then JAVA_HOME="$(sed -n '1s/|.*//p' "$ROOT/target/.clawgate-java" 2>/dev/null || true)"; fi
[ -x "${JAVA_HOME:-}/bin/java" ] || { echo "profile: set JAVA_HOME to a JDK 21+ (or run ./clawgate once)" >&2; exit 1; }
export JAVA_HOME
build_jars

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
UP_PORT=$(free_port); CG_PORT=$(free_port); NG_PORT=$(free_port)
"$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC -jar "$BENCH/target/clawgate-bench.jar" upstream --port "$UP_PORT" \
  >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$UP_PORT/v1/models" 200 20
cat >"$WORK/clawgate.json5" <<JSON
{ agents: { defaults: { model: { primary: "stub/m" } } },
  models: { mode: "replace", providers: { stub: { baseUrl: "http://127.0.0.1:$UP_PORT/v1",
    api: "openai-completions", apiKey: "x", models: [{ id: "m", name: "m" }] } } } }
JSON
HOME="$WORK/home" "$ROOT/clawgate" gateway --config "$WORK/clawgate.json5" --port "$CG_PORT" >"$WORK/clawgate.log" 2>&1 &
CG_PID=$!; PIDS+=($CG_PID)
wait_http "http://127.0.0.1:$CG_PORT/ready" 200 120
TARGETS=(clawgate)
if [ "${BENCH_SKIP_NGINX:-0}" != 1 ] && command -v nginx >/dev/null 2>&1; then
  nginx -c "$(nginx_conf "$NG_PORT" "$WORK/nginx" "server 127.0.0.1:$UP_PORT;")" >"$WORK/nginx.log" 2>&1 &
  NG_PID=$!; PIDS+=($NG_PID); TARGETS+=(nginx)
  wait_http "http://127.0.0.1:$NG_PORT/v1/models" 200 20
fi
body() { printf '{"model":"%s","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Say hello and describe this benchmark in one short sentence."}],"max_tokens":64,"stream":false}' "$1"; }
body stub/m >"$WORK/clawgate.json"; body m >"$WORK/nginx.json"
target_port() { case "$1" in clawgate) echo "$CG_PORT" ;; nginx) echo "$NG_PORT" ;; esac; }
for t in "${TARGETS[@]}"; do wrk_script "$t" >/dev/null; done

# per thread of a process: "tid name ticks switches" (thread names with digits folded: ForkJoinPool-N-...)
threads() {
  local tk
  for tk in /proc/"$1"/task/*; do
    [ -r "$tk/stat" ] || continue
    echo "$(basename "$tk") $(tr ' ' _ <"$tk/comm") $(sed 's/.*) //' "$tk/stat" | awk '{print $12 + $13}') $(awk '/ctxt_switches/ {s += $2} END {print s + 0}' "$tk/status")"
  done 2>/dev/null || true
}
threads_per_request() { # before after requests
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" 'NR == FNR { c[$1] = $3; x[$1] = $4; next }
    { g = $2; gsub(/[0-9]+/, "N", g); cpu[g] += $3 - c[$1]; ctx[g] += $4 - x[$1] }
    END { for (g in cpu) if (cpu[g] > 0 || ctx[g] > 0) printf "  %-24s %8.1f µs/req %6.2f switches/req\n", g, cpu[g] * 1e6 / hz / n, ctx[g] / n }' \
    "$1" "$2" | sort -k2 -rn
}

log "load $(cut -d' ' -f1-3 /proc/loadavg); warm-up ${WARM:-20}s per target at c=16"
echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"
for t in "${TARGETS[@]}"; do run_wrk "$t" 16 "${WARM:-20}" ""; done
for c in 1 16; do
  for t in "${TARGETS[@]}"; do
    pid=$CG_PID; [ "$t" = nginx ] && pid=$NG_PID
    log "$t c=$c: 3s warm-up + ${DUR:-15}s"
    run_wrk "$t" "$c" 3 ""
    [ "$JFR" = 1 ] && [ "$t" = clawgate ] && "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=profile \
      settings="$BENCH/profile.jfc" filename="$WORK/clawgate-c$c.jfr" >/dev/null
    threads "$pid" >"$WORK/threads-before"
    before="$(proc_counters "$pid")"
    run_wrk "$t" "$c" "${DUR:-15}" "$t.c$c"
    after="$(proc_counters "$pid")"
    threads "$pid" >"$WORK/threads-after"
    [ "$JFR" = 1 ] && [ "$t" = clawgate ] && "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=profile >/dev/null
    n="$(awk -v k="$t.c$c.requests" '$1 == k {print $2}' "$RESULTS")"
    proc_per_request "$t.c$c" "$before" "$after" "$n" >>"$RESULTS"
    echo "$t.c$c.load $(cut -d' ' -f1 /proc/loadavg)" >>"$RESULTS"
    [ "$t" = clawgate ] && threads_per_request "$WORK/threads-before" "$WORK/threads-after" "$n" >"$WORK/threads-c$c.txt"
  done
done
echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"
grep -vE '\.(p90_us|errors) ' "$RESULTS"
for c in 1 16; do echo "Clawgate threads, c=$c:"; cat "$WORK/threads-c$c.txt"; done
[ "$JFR" = 1 ] && echo "JFR: $WORK/clawgate-c1.jfr, $WORK/clawgate-c16.jfr (jfr view cpu-time-hot-methods FILE)"
exit 0
