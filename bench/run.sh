#!/usr/bin/env bash
# Clawgate benchmarks, side by side with a direct call, nginx (proxy_pass, keep-alive) and Portkey's
# open-source gateway, all on the same loopback upstream.
#
#   bench/run.sh            full run (about 9 minutes on 2 cores)
#   bench/run.sh --quick    short run (under 2 minutes on an idle machine): same figures, fewer samples
#
# Builds what it needs (target/clawgate.jar, bench/target/clawgate-bench.jar), installs wrk and nginx-light
# (apt) and the peer (npm, into bench/.peer) when missing, starts everything on 127.0.0.1, measures, stops
# every process it started, prints issue 17's goals as PASS/FAIL with their ratio to nginx and the detail
# tables, and writes them to bench/results/latest.md plus a dated copy.
# Environment: BENCH_SKIP_PEER=1 runs without Portkey; BENCH_SKIP_NGINX=1 without nginx; BENCH_KEEP=1 keeps
# the work directory (logs); BENCH_SECTIONS="startup cli ns ttft open failover footprint agent" picks
# sections (default: all).
set -euo pipefail

QUICK=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$(mktemp -d /tmp/clawgate-bench.XXXXXX)"
RESULTS="$WORK/results.txt"
PIDS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
log "uptime before: $(uptime)"

cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for _ in $(seq 1 30); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$rc" != 0 ]; then
    echo "work directory kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Stops one process this script started (TERM, then KILL after 10 s).
stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

# ------------------------------------------------------------------------------------------ settings
if [ "$QUICK" = 1 ]; then
  # no warm-up per measurement after the global one: the quick mode stays under two minutes on an idle machine
  MODE=quick; WARM_GLOBAL=3; WARM=0; DUR=2; TTFT_DUR=2; FO_N=10; START_RUNS=3; OPEN_WARM=0; OPEN_DUR=2; HELP_RUNS=5
  DEFAULT_C="1 16"
else
  MODE=full; WARM_GLOBAL=20; WARM=5; DUR=15; TTFT_DUR=15; FO_N=40; START_RUNS=7; OPEN_WARM=3; OPEN_DUR=15; HELP_RUNS=11
  DEFAULT_C="1 16 64"
fi
CONCURRENCY=(${BENCH_CONCURRENCY:-$DEFAULT_C})
OPEN_RATES=(500 1000)
SECTIONS=" ${BENCH_SECTIONS:-startup cli ns ttft open failover footprint agent} "
want() { [[ "$SECTIONS" == *" $1 "* ]]; }
STREAMS=1000

# ------------------------------------------------------------------------------------------ tools
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
JAVA="$(find_java)" || { echo "bench: no JDK 21+ found" >&2; exit 1; }
JDK_BIN="$(dirname "$(readlink -f "$JAVA")")"
export JAVA_HOME="$(dirname "$JDK_BIN")"

command -v wrk >/dev/null 2>&1 || apt_install wrk
NGINX=1
[ "${BENCH_SKIP_NGINX:-0}" = 1 ] && NGINX=0
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
if [ "$NGINX" = 1 ] && [ ! -x "$NGINX_BIN" ]; then
  # the Debian package's post-install may try to start a system nginx: only where a service manager runs it
  apt_install nginx-light || true
  NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
  [ -x "$NGINX_BIN" ] || { log "nginx could not be installed: running without it"; NGINX=0; }
fi

PEER=1
[ "${BENCH_SKIP_PEER:-0}" = 1 ] && PEER=0
PEER_DIR="$BENCH/.peer"
PORTKEY_JS="$PEER_DIR/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ "$PEER" = 1 ]; then
  if ! command -v node >/dev/null 2>&1; then
    log "node not found: running without the peer (install Node 20+ to compare with Portkey)"; PEER=0
  elif [ ! -f "$PORTKEY_JS" ] || ! cmp -s "$BENCH/peer/package.json" "$PEER_DIR/package.json"; then
    log "installing the peer gateway into bench/.peer (npm)"
    mkdir -p "$PEER_DIR"
    cp "$BENCH/peer/package.json" "$PEER_DIR/package.json"
    (cd "$PEER_DIR" && rm -rf node_modules package-lock.json && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi

# ------------------------------------------------------------------------------------------ build
log "building (./mvnw package; bench tools)"
build_jars
TOOLS=("$JAVA" -Xmx512m -XX:+UseSerialGC -jar "$BENCH/target/clawgate-bench.jar")
# Clawgate runs through ./clawgate, exactly as users start it: its JVM flags and class-data-sharing archive are
# the launcher's (it execs the JVM, so $! is the gateway's pid). The first call trains the archive.
CLAWGATE=(env HOME="$WORK/home" JAVA_HOME="$JAVA_HOME" "$ROOT/clawgate")
"${CLAWGATE[@]}" --version >/dev/null

UP_PORT=$(free_port); CG_PORT=$(free_port); PK_PORT=$(free_port); DEAD_PORT=$(free_port); ST_PORT=$(free_port); NG_PORT=$(free_port)
UP="http://127.0.0.1:$UP_PORT"
STREAM_PREFIX="/c8/i2"        # TTFT and failover streams: 8 chunks, 2 ms apart
SLOW_PREFIX="/c600/i200"      # the 1,000 open streams: 600 chunks, 200 ms apart (2 minutes each)

# ------------------------------------------------------------------------------------------ start
log "starting the upstream stand-in on :$UP_PORT"
"${TOOLS[@]}" upstream --port "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
wait_http "$UP/v1/models" 200 20

# Clawgate config: the measured model, a slow-stream model, and per-request failover chains (one agent
# per dead primary, so every failover sample really contacts its primary instead of skipping a cooling one).
{
  echo "{"
  echo "  agents: { defaults: { model: { primary: \"stub/m\" } }, list: ["
  for i in $(seq 1 $((FO_N + 2))); do
    echo "    { id: \"refused$i\", model: { primary: \"refused$i/m\", fallbacks: [\"fb/m\"] } },"
    echo "    { id: \"http500_$i\", model: { primary: \"http500_$i/m\", fallbacks: [\"fb/m\"] } },"
  done
  echo "  ] },"
  echo "  models: { mode: \"replace\", providers: {"
  echo "    stub: { baseUrl: \"$UP/v1\", api: \"openai-completions\", apiKey: \"x\", models: [{ id: \"m\", name: \"m\" }] },"
  echo "    streamy: { baseUrl: \"$UP$STREAM_PREFIX/v1\", api: \"openai-completions\", apiKey: \"x\", models: [{ id: \"m\", name: \"m\" }] },"
  echo "    fb: { baseUrl: \"$UP$STREAM_PREFIX/v1\", api: \"openai-completions\", apiKey: \"x\", models: [{ id: \"m\", name: \"m\" }] },"
  echo "    slow: { baseUrl: \"$UP$SLOW_PREFIX/v1\", api: \"openai-completions\", apiKey: \"x\", models: [{ id: \"m\", name: \"m\" }] },"
  for i in $(seq 1 $((FO_N + 2))); do
    echo "    refused$i: { baseUrl: \"http://127.0.0.1:$DEAD_PORT/v1\", api: \"openai-completions\", apiKey: \"x\", models: [{ id: \"m\", name: \"m\" }] },"
    echo "    http500_$i: { baseUrl: \"$UP/e500$STREAM_PREFIX/v1\", api: \"openai-completions\", apiKey: \"x\", models: [{ id: \"m\", name: \"m\" }] },"
  done
  echo "  } },"
  echo "}"
} >"$WORK/clawgate.json5"
mkdir -p "$WORK/home"

# ------------------------------------------------------------------------------------------ 0. start to ready (first, while the machine is otherwise idle)
if want startup; then
log "start to ready: $START_RUNS launches of each"
"${TOOLS[@]}" startup --key start.clawgate_launcher --target "127.0.0.1:$ST_PORT" --runs "$START_RUNS" -- \
  "${CLAWGATE[@]}" gateway --config "$WORK/clawgate.json5" --port "$ST_PORT" \
  >>"$RESULTS" 2>>"$WORK/load.log"
if [ "$NGINX" = 1 ]; then
  "${TOOLS[@]}" startup --key start.nginx --target "127.0.0.1:$ST_PORT" --path /v1/models --runs "$START_RUNS" -- \
    "$NGINX_BIN" -c "$(nginx_conf "$ST_PORT" "$WORK/nginx-start" "server 127.0.0.1:$UP_PORT;")" >>"$RESULTS" 2>>"$WORK/load.log"
fi
if [ "$PEER" = 1 ]; then
  "${TOOLS[@]}" startup --key start.portkey --target "127.0.0.1:$ST_PORT" --path / --runs "$START_RUNS" -- \
    env NODE_ENV=production node "$PORTKEY_JS" --port="$ST_PORT" --headless >>"$RESULTS" 2>>"$WORK/load.log"
fi
fi
# ------------------------------------------------------------------------------------------ 0b. --help
if want cli; then
  log "./clawgate --help: $HELP_RUNS runs"
  for _ in $(seq 1 "$HELP_RUNS"); do
    t0=$EPOCHREALTIME; "${CLAWGATE[@]}" --help >/dev/null 2>&1; t1=$EPOCHREALTIME
    echo "$t0 $t1"
  done | awk '{ print ($2 - $1) * 1000 }' | sort -n | awk -v runs="$HELP_RUNS" '{ v[NR] = $1 } END {
    printf "cli.help.runs %d\ncli.help.ms_median %.0f\ncli.help.ms_min %.0f\n", runs, v[int((NR + 1) / 2)], v[1] }' >>"$RESULTS"
fi

log "starting Clawgate on :$CG_PORT"
T0=$(date +%s%N)
"${CLAWGATE[@]}" gateway --config "$WORK/clawgate.json5" --port "$CG_PORT" >"$WORK/clawgate.log" 2>&1 &
CG_PID=$!
PIDS+=($CG_PID)
wait_http "http://127.0.0.1:$CG_PORT/ready" 200 30
echo "start.clawgate_first.ms $(( ($(date +%s%N) - T0) / 1000000 ))" >>"$RESULTS"
sleep 1
echo "mem.clawgate.idle_rss_kb $(awk '/VmRSS/{print $2}' /proc/$CG_PID/status)" >>"$RESULTS"

if [ "$NGINX" = 1 ]; then
  log "starting nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*nginx\///') on :$NG_PORT"
  "$NGINX_BIN" -c "$(nginx_conf "$NG_PORT" "$WORK/nginx" "server 127.0.0.1:$UP_PORT;")" >"$WORK/nginx.log" 2>&1 &
  NG_PID=$!
  PIDS+=($NG_PID)
  wait_http "http://127.0.0.1:$NG_PORT/v1/models" 200 20
  sleep 1
  echo "mem.nginx.idle_rss_kb $(for p in $NG_PID $(pgrep -P "$NG_PID"); do awk '/VmRSS/{print $2}' /proc/$p/status; done | awk '{s+=$1} END {print s}')" >>"$RESULTS"
fi

if [ "$PEER" = 1 ]; then
  log "starting Portkey $(node -p "require('$PEER_DIR/node_modules/@portkey-ai/gateway/package.json').version") on :$PK_PORT (node $(node --version))"
  NODE_ENV=production node "$PORTKEY_JS" --port="$PK_PORT" --headless >"$WORK/portkey.log" 2>&1 &
  PK_PID=$!
  PIDS+=($PK_PID)
  wait_http "http://127.0.0.1:$PK_PORT/" 200 30
  sleep 1
  echo "mem.portkey.idle_rss_kb $(awk '/VmRSS/{print $2}' /proc/$PK_PID/status)" >>"$RESULTS"
fi

# ------------------------------------------------------------------------------------------ bodies
body() { # model stream
  printf '{"model":"%s","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Say hello and describe this benchmark in one short sentence."}],"max_tokens":64,"stream":%s}' "$1" "$2"
}
body m false >"$WORK/direct.json"; body stub/m false >"$WORK/clawgate.json"; cp "$WORK/direct.json" "$WORK/portkey.json"
cp "$WORK/direct.json" "$WORK/nginx.json"
body m true >"$WORK/direct-stream.json"; body streamy/m true >"$WORK/clawgate-stream.json"; cp "$WORK/direct-stream.json" "$WORK/portkey-stream.json"
body '{{MODEL}}' true >"$WORK/failover-stream.json"
body slow/m true >"$WORK/clawgate-slow.json"

# target -> "port|extra headers" for wrk Lua and the Java load generator
target_port() { case "$1" in direct) echo "$UP_PORT" ;; clawgate) echo "$CG_PORT" ;; nginx) echo "$NG_PORT" ;; portkey) echo "$PK_PORT" ;; esac; }
target_pid() { case "$1" in clawgate) echo "$CG_PID" ;; nginx) echo "$NG_PID" ;; portkey) echo "$PK_PID" ;; esac; }

TARGETS=(direct clawgate)
[ "$NGINX" = 1 ] && TARGETS+=(nginx)
[ "$PEER" = 1 ] && TARGETS+=(portkey)
for t in "${TARGETS[@]}"; do wrk_script "$t" >/dev/null; done

# Smoke: every target answers a plain and a streamed request correctly before anything is timed.
for t in "${TARGETS[@]}"; do
  hdrs=(); [ "$t" = portkey ] && while IFS= read -r h; do hdrs+=(-H "$h"); done < <(portkey_headers "")
  out="$(curl -s "${hdrs[@]}" -H 'content-type: application/json' --data-binary @"$WORK/$t.json" "http://127.0.0.1:$(target_port "$t")/v1/chat/completions")"
  case "$out" in *'"content":"Hello there'*) ;; *) echo "bench: $t answered unexpectedly: $out" >&2; exit 1 ;; esac
done

echo "meta.mode $MODE" >>"$RESULTS"
echo "meta.load_before $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" >>"$RESULTS"
echo "meta.cpus $(nproc)" >>"$RESULTS"
echo "meta.java $("$JAVA" -version 2>&1 | head -1 | tr ' ' '_')" >>"$RESULTS"
[ "$PEER" = 1 ] && echo "meta.peer portkey-$(node -p "require('$PEER_DIR/node_modules/@portkey-ai/gateway/package.json').version")_node-$(node --version)" >>"$RESULTS"

# ------------------------------------------------------------------------------------------ 1. non-streaming
log "warm-up: ${WARM_GLOBAL}s per gateway at c=16 (JIT)"
for t in "${TARGETS[@]}"; do run_wrk "$t" 16 "$WARM_GLOBAL" ""; done
want ns && for c in "${CONCURRENCY[@]}"; do
  for t in "${TARGETS[@]}"; do
    log "non-streaming: $t c=$c (${WARM}s warm-up + ${DUR}s)"
    [ "$WARM" -gt 0 ] && run_wrk "$t" "$c" "$WARM" ""
    if [ "$c" = 1 ] && [ "$t" != direct ]; then
      before="$(proc_counters "$(target_pid "$t")")"
      run_wrk "$t" "$c" "$DUR" "ns.$t.c$c"
      after="$(proc_counters "$(target_pid "$t")")"
      proc_per_request "proc.$t.c1" "$before" "$after" "$(awk -v k="ns.$t.c1.requests" '$1 == k {print $2}' "$RESULTS")" >>"$RESULTS"
    else
      run_wrk "$t" "$c" "$DUR" "ns.$t.c$c"
    fi
  done
done

# ------------------------------------------------------------------------------------------ 2. streaming TTFT
stream_args() { # target -> args for the Java load generator, streamed body on the paced upstream path
  case "$1" in
    direct) echo "--target 127.0.0.1:$UP_PORT --path $STREAM_PREFIX/v1/chat/completions --body $WORK/direct-stream.json" ;;
    nginx) echo "--target 127.0.0.1:$NG_PORT --path $STREAM_PREFIX/v1/chat/completions --body $WORK/direct-stream.json" ;;
    clawgate) echo "--target 127.0.0.1:$CG_PORT --body $WORK/clawgate-stream.json" ;;
    portkey) echo "--target 127.0.0.1:$PK_PORT --body $WORK/portkey-stream.json" ;;
  esac
}
want ttft && for c in 1 16; do
  for t in "${TARGETS[@]}"; do
    log "streaming TTFT: $t c=$c (${TTFT_DUR}s)"
    extra=()
    [ "$t" = portkey ] && extra=(--header "x-portkey-provider: openai" --header "x-portkey-custom-host: $UP$STREAM_PREFIX/v1" --header "Authorization: Bearer x")
    # shellcheck disable=SC2046
    "${TOOLS[@]}" stream --key "ttft.$t.c$c" $(stream_args "$t") "${extra[@]}" --concurrency "$c" \
      --warmup "$WARM" --duration "$TTFT_DUR" >>"$RESULTS" 2>>"$WORK/load.log"
  done
done

# ------------------------------------------------------------------------------------------ 2b. open loop
want open && for rate in "${OPEN_RATES[@]}"; do
  for t in direct clawgate nginx; do
    [ "$t" = nginx ] && [ "$NGINX" = 0 ] && continue
    log "open loop: $t at $rate req/s (${OPEN_WARM}s warm-up + ${OPEN_DUR}s)"
    "${TOOLS[@]}" openloop --key "open.$t.r$rate" --target "127.0.0.1:$(target_port "$t")" --body "$WORK/$t.json" \
      --rate "$rate" --warmup "$OPEN_WARM" --duration "$OPEN_DUR" >>"$RESULTS" 2>>"$WORK/load.log"
  done
done

# ------------------------------------------------------------------------------------------ 3. failover
if want failover; then
log "failover: $FO_N requests each (direct fallback, refused primary, HTTP 500 primary)"
"${TOOLS[@]}" stream --key fo.direct --target "127.0.0.1:$UP_PORT" --path "$STREAM_PREFIX/v1/chat/completions" \
  --body "$WORK/direct-stream.json" --requests "$FO_N" --warmup-requests 20 >>"$RESULTS" 2>>"$WORK/load.log"
models() { local p="$1" s=""; for i in $(seq 1 "$FO_N"); do s="$s${s:+,}$p$i/m"; done; echo "$s"; }
# warm the fallback path through the gateway first (the two spare chains, not measured)
"${TOOLS[@]}" stream --key warm --target "127.0.0.1:$CG_PORT" --body "$WORK/failover-stream.json" \
  --models "fb/m" --requests 1 --warmup-requests 50 >/dev/null 2>>"$WORK/load.log"
"${TOOLS[@]}" stream --key fo.refused --target "127.0.0.1:$CG_PORT" --body "$WORK/failover-stream.json" \
  --models "$(models refused)" --requests "$FO_N" --expect-header "x-clawgate-model=fb/m" >>"$RESULTS" 2>>"$WORK/load.log"
"${TOOLS[@]}" stream --key fo.http500 --target "127.0.0.1:$CG_PORT" --body "$WORK/failover-stream.json" \
  --models "$(models http500_)" --requests "$FO_N" --expect-header "x-clawgate-model=fb/m" >>"$RESULTS" 2>>"$WORK/load.log"
# the same primaries again, now cooling down: the router skips them without a connection
"${TOOLS[@]}" stream --key fo.cooled --target "127.0.0.1:$CG_PORT" --body "$WORK/failover-stream.json" \
  --models "$(models refused)" --requests "$FO_N" --expect-header "x-clawgate-model=fb/m" >>"$RESULTS" 2>>"$WORK/load.log"
if [ "$PEER" = 1 ]; then
  pk_fallback() { # primary custom host
    printf '{"strategy":{"mode":"fallback"},"targets":[{"provider":"openai","api_key":"x","custom_host":"%s"},{"provider":"openai","api_key":"x","custom_host":"%s"}]}' "$1" "$UP$STREAM_PREFIX/v1"
  }
  "${TOOLS[@]}" stream --key fo.portkey_refused --target "127.0.0.1:$PK_PORT" --body "$WORK/portkey-stream.json" \
    --header "x-portkey-config: $(pk_fallback "http://127.0.0.1:$DEAD_PORT/v1")" --requests "$FO_N" --warmup-requests 5 >>"$RESULTS" 2>>"$WORK/load.log"
  "${TOOLS[@]}" stream --key fo.portkey_http500 --target "127.0.0.1:$PK_PORT" --body "$WORK/portkey-stream.json" \
    --header "x-portkey-config: $(pk_fallback "$UP/e500$STREAM_PREFIX/v1")" --requests "$FO_N" --warmup-requests 5 >>"$RESULTS" 2>>"$WORK/load.log"
fi

fi

# ------------------------------------------------------------------------------------------ 4. footprint
if want footprint; then
log "footprint: $STREAMS concurrent slow streams through Clawgate"
"${TOOLS[@]}" streams --key mem.clawgate.streams --target "127.0.0.1:$CG_PORT" --body "$WORK/clawgate-slow.json" \
  --n "$STREAMS" --pid "$CG_PID" --jcmd "$JDK_BIN/jcmd" --open-timeout-s 60 >>"$RESULTS" 2>>"$WORK/load.log"
stop_pid "$CG_PID"
if [ "$PEER" = 1 ]; then
  log "footprint: $STREAMS concurrent slow streams through Portkey"
  "${TOOLS[@]}" streams --key mem.portkey.streams --target "127.0.0.1:$PK_PORT" --body "$WORK/portkey-stream.json" \
    --header "x-portkey-provider: openai" --header "x-portkey-custom-host: $UP$SLOW_PREFIX/v1" --header "Authorization: Bearer x" \
    --n "$STREAMS" --pid "$PK_PID" --open-timeout-s 60 >>"$RESULTS" 2>>"$WORK/load.log"
  stop_pid "$PK_PID"
fi

fi

# ------------------------------------------------------------------------------------------ 5. agent turns
if want agent; then
  AGENT_TURNS=1000
  log "agent turns: one session of $AGENT_TURNS turns (bench/agent, in process)"
  JAVA_HOME="$JAVA_HOME" "$BENCH/agent/run.sh" "$AGENT_TURNS" >"$WORK/agent.txt" 2>>"$WORK/load.log" || log "agent bench failed (see $WORK/load.log)"
  {
    echo "agent.turns $AGENT_TURNS"
    sed -n 's/^agent turn, median of turns 6-25: \([0-9.]*\) ms.*/agent.turn10_ms \1/p' "$WORK/agent.txt"
    sed -n "/x turn 10)/ s/^agent turn, median of turns [0-9]*-[0-9]*: \\([0-9.]*\\) ms.*/agent.turnN_ms \\1/p" "$WORK/agent.txt"
  } >>"$RESULTS"
fi

echo "meta.load_after $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" >>"$RESULTS"

# ------------------------------------------------------------------------------------------ report
mkdir -p "$BENCH/results"
STAMP="$(date +%Y-%m-%d-%H%M%S)"
"${TOOLS[@]}" report --results "$RESULTS" --out "$BENCH/results/$MODE-$STAMP.md"
cp "$BENCH/results/$MODE-$STAMP.md" "$BENCH/results/latest.md"
cp "$RESULTS" "$BENCH/results/$MODE-$STAMP.txt"
log "uptime after: $(uptime)"
log "written bench/results/latest.md and bench/results/$MODE-$STAMP.md (raw figures: .txt)"
