#!/usr/bin/env bash
# What one non-streaming request costs the gateway at c=1, against the loopback stand-in: CPU and context
# switches per request (/proc, a window without JFR), then allocation per request and where it and the CPU go
# (a second window under JFR: jdk.ObjectAllocationSample at every TLAB, jdk.ExecutionSample every 1 ms).
#
#   bench/alloc-profile.sh [--jar PATH] [--seconds S] [--filter PACKAGE] [--keep]
#
# --jar profiles another build (e.g. a copy of an older target/clawgate.jar) with the launcher's JVM flags;
# default: target/clawgate.jar, built when stale. --filter names the package whose frames are listed
# (default dev.clawgate.upstream). --keep leaves the work directory (the .jfr file, logs). Prints "key value"
# figures, then the top allocation sites and hot methods as comments. Same machine caveats as run.sh: quote
# the load average (printed) with any figure.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
JAR="" SECONDS_PER_WINDOW=15 FILTER=dev.clawgate.upstream KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="$(readlink -f "$2")"; shift 2 ;;
    --seconds) SECONDS_PER_WINDOW="$2"; shift 2 ;;
    --filter) FILTER="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "profile: unknown option $1" >&2; exit 2 ;;
  esac
done
WORK="$(mktemp -d)"
PIDS=()
log() { echo "profile: $*" >&2; }
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
JAVA="$(find_java)" || { echo "profile: no JDK 21+ found" >&2; exit 1; }
JDK_BIN="$(dirname "$(readlink -f "$JAVA")")"
export JAVA_HOME="$(dirname "$JDK_BIN")"
command -v wrk >/dev/null 2>&1 || apt_install wrk
if [ -n "$JAR" ]; then
  (cd "$BENCH" && "$ROOT/mvnw" -q -B package)
else
  build_jars
  JAR="$ROOT/target/clawgate.jar"
fi
TOOLS=("$JAVA" -Xmx512m -XX:+UseSerialGC -jar "$BENCH/target/clawgate-bench.jar")

UP_PORT=$(free_port); CG_PORT=$(free_port)
"${TOOLS[@]}" upstream --port "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$UP_PORT/v1/models" 200 90
cat >"$WORK/clawgate.json5" <<EOF
{ agents: { defaults: { model: { primary: "stub/m" } } },
  models: { mode: "replace", providers: {
    stub: { baseUrl: "http://127.0.0.1:$UP_PORT/v1", api: "openai-completions", apiKey: "x", models: [{ id: "m", name: "m" }] } } } }
EOF
mkdir -p "$WORK/home"
# the launcher's JVM flags (./clawgate), without its start-up archive (steady state is what is measured)
HOME="$WORK/home" "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms48m -Xmx512m -XX:NewSize=32m \
  -XX:MaxNewSize=64m -XX:SurvivorRatio=3 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps \
  -Xss512k -Duser.home="$WORK/home" -jar "$JAR" gateway --config "$WORK/clawgate.json5" --port "$CG_PORT" \
  --state-dir "$WORK/state" >"$WORK/clawgate.log" 2>&1 &
CG_PID=$!
PIDS+=($CG_PID)
wait_http "http://127.0.0.1:$CG_PORT/ready" 200 120

printf '{"model":"stub/m","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Say hello and describe this benchmark in one short sentence."}],"max_tokens":64,"stream":false}' >"$WORK/body.json"
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = [==[$(cat "$WORK/body.json")]==]
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local f = io.open(os.getenv("WRK_OUT"), "a")
  f:write(string.format("requests %d\np50_us %d\n", summary.requests, latency:percentile(50)))
  f:close()
end
LUA
out="$(curl -s -H 'content-type: application/json' --data-binary @"$WORK/body.json" "http://127.0.0.1:$CG_PORT/v1/chat/completions")"
case "$out" in *'"content":"Hello there'*) ;; *) echo "profile: the gateway answered unexpectedly: $out" >&2; exit 1 ;; esac
wrk_window() { # concurrency seconds output
  WRK_OUT="$3" wrk -t1 -c"$1" -d"${2}s" --timeout 10s -s "$WORK/post.lua" "http://127.0.0.1:$CG_PORT/v1/chat/completions" >/dev/null
}
log "warm-up: 20 s at c=16, 5 s at c=1"
wrk_window 16 20 "$WORK/warm.txt"; wrk_window 1 5 "$WORK/warm.txt"

echo "load_before $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
log "window 1 (no JFR): ${SECONDS_PER_WINDOW} s at c=1"
before="$(proc_counters "$CG_PID")"
wrk_window 1 "$SECONDS_PER_WINDOW" "$WORK/w1.txt"
after="$(proc_counters "$CG_PID")"
n1="$(awk '$1 == "requests" {print $2}' "$WORK/w1.txt")"
echo "requests $n1"
echo "p50_us $(awk '$1 == "p50_us" {print $2}' "$WORK/w1.txt")"
proc_per_request "gateway" "$before" "$after" "$n1"

log "window 2 (JFR): ${SECONDS_PER_WINDOW} s at c=1"
"$JDK_BIN/jcmd" "$CG_PID" JFR.start name=profile settings=profile allocation-profiling=maximum method-profiling=max filename="$WORK/c1.jfr" >/dev/null
wrk_window 1 "$SECONDS_PER_WINDOW" "$WORK/w2.txt"
"$JDK_BIN/jcmd" "$CG_PID" JFR.stop name=profile >/dev/null
n2="$(awk '$1 == "requests" {print $2}' "$WORK/w2.txt")"
echo "load_after $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
"${TOOLS[@]}" jfr-summary --file "$WORK/c1.jfr" --requests "$n2" --seconds "$SECONDS_PER_WINDOW" --filter "$FILTER"
