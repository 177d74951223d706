#!/usr/bin/env bash
# Several Clawgate instances behind nginx (round robin, upstream keep-alive) against one instance, on the same
# loopback upstream stand-in and the same config.
#
#   bench/cluster.sh [--instances N] [--config FILE] [--duration S] [--cooldown]
#
#   --instances N   instances behind nginx (default 3)
#   --config FILE   the config every instance runs (JSON5). "@UPSTREAM@" in it becomes the stand-in's base URL
#                   (http://127.0.0.1:PORT/v1) and "@FLAKY@" one that answers HTTP 500. Without it, a built-in
#                   config: model stub/m on the stand-in, and agent "flaky" (flaky/m -> stub/m). Point it at
#                   shared state (state.redis / state.database) to measure a cluster that shares cooldowns,
#                   budgets and sessions; the measured requests use model stub/m.
#   --duration S    seconds per measured wrk run (default 10; 5 s warm-up before each)
#   --cooldown      also measure how long a cooldown seen by one instance takes to reach all: one request for
#                   model flaky/m goes to instance 1 (its primary answers 500, so instance 1 cools it down),
#                   then every instance's GET /clawgate/status is polled until it lists the cooldown (20 s at
#                   most). With per-instance state only instance 1 ever sees it; that is the figure shared
#                   state has to change. CLUSTER_TOKEN, when set, is sent as the bearer token.
#
# Prints throughput and added latency (over a direct call to the stand-in) at c=1 and c=16 for: one instance
# direct, one instance behind nginx, N instances behind nginx. Stops everything it started.
set -euo pipefail

INSTANCES=3; CONFIG=""; DUR=10; COOLDOWN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    --duration) DUR="$2"; shift 2 ;;
    --cooldown) COOLDOWN=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$(mktemp -d /tmp/clawgate-cluster.XXXXXX)"
PIDS=()
log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
  local rc=$? pid
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null
  done
  [ "$rc" = 0 ] && rm -rf "$WORK" || echo "work directory kept: $WORK" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
log "uptime before: $(uptime)"

command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx-light
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
build_jars
"$ROOT/clawgate" --version >/dev/null # trains the start-up archive once, before any instance starts
JAVA="$(sed -n 3p "$ROOT/target/.clawgate-java")" # the JDK the launcher chose

UP_PORT=$(free_port); NG1_PORT=$(free_port); NGN_PORT=$(free_port)
UP="http://127.0.0.1:$UP_PORT"
"$JAVA" -Xmx256m -XX:+UseSerialGC -jar "$BENCH/target/clawgate-bench.jar" upstream --port "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
wait_http "$UP/v1/models" 200 30

if [ -n "$CONFIG" ]; then
  sed -e "s#@UPSTREAM@#$UP/v1#g" -e "s#@FLAKY@#$UP/e500/v1#g" "$CONFIG" >"$WORK/clawgate.json5"
else
  cat >"$WORK/clawgate.json5" <<JSON5
{
  agents: { defaults: { model: { primary: "stub/m" } },
    list: [{ id: "flaky", model: { primary: "flaky/m", fallbacks: ["stub/m"] } }] },
  models: { mode: "replace", providers: {
    stub: { baseUrl: "$UP/v1", api: "openai-completions", apiKey: "x", models: [{ id: "m", name: "m" }] },
    flaky: { baseUrl: "$UP/e500/v1", api: "openai-completions", apiKey: "x", models: [{ id: "m", name: "m" }] },
  } },
}
JSON5
fi

PORTS=()
for i in $(seq 1 "$INSTANCES"); do
  port=$(free_port); PORTS+=("$port")
  mkdir -p "$WORK/home$i"
  HOME="$WORK/home$i" "$ROOT/clawgate" gateway --config "$WORK/clawgate.json5" --port "$port" \
    --state-dir "$WORK/home$i/state" >"$WORK/clawgate$i.log" 2>&1 &
  PIDS+=($!)
done
for port in "${PORTS[@]}"; do wait_http "http://127.0.0.1:$port/ready" 200 60; done
log "$INSTANCES instances ready on ports ${PORTS[*]}"

servers=""; for port in "${PORTS[@]}"; do servers="$servers server 127.0.0.1:$port;"; done
"$NGINX_BIN" -c "$(nginx_conf "$NG1_PORT" "$WORK/nginx1" "server 127.0.0.1:${PORTS[0]};")" >"$WORK/nginx1.log" 2>&1 &
PIDS+=($!)
"$NGINX_BIN" -c "$(nginx_conf "$NGN_PORT" "$WORK/nginxN" "$servers")" >"$WORK/nginxN.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$NG1_PORT/ready" 200 20
wait_http "http://127.0.0.1:$NGN_PORT/ready" 200 20

body() { printf '{"model":"%s","messages":[{"role":"user","content":"Say hello."}],"max_tokens":64}' "$1"; }
cat >"$WORK/report.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %d %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(99)))
end
LUA
measure() { # port model concurrency -> "rps p50_us p99_us"
  local script="$WORK/wrk-${2//\//_}.lua" threads=1
  [ "$3" -ge 16 ] && threads=2
  { echo "wrk.body = [==[$(body "$2")]==]"; cat "$WORK/report.lua"; } >"$script"
  wrk -t"$threads" -c"$3" -d5s -s "$script" "http://127.0.0.1:$1/v1/chat/completions" >/dev/null 2>&1
  wrk -t"$threads" -c"$3" -d"${DUR}s" -s "$script" "http://127.0.0.1:$1/v1/chat/completions" 2>/dev/null \
    | sed -n 's/^RESULT //p'
}

printf '\n| Setup | c | req/s | added p50 / p99 (ms) |\n|---|---|---|---|\n'
for c in 1 16; do
  read -r d_rps d_p50 d_p99 <<<"$(measure "$UP_PORT" m "$c")"
  printf '| direct to the stand-in | %s | %.0f | (%.2f / %.2f absolute) |\n' "$c" "$d_rps" "$(awk -v v="$d_p50" 'BEGIN{print v/1000}')" "$(awk -v v="$d_p99" 'BEGIN{print v/1000}')"
  for setup in "1 instance, direct:${PORTS[0]}" "1 instance behind nginx:$NG1_PORT" "$INSTANCES instances behind nginx:$NGN_PORT"; do
    log "c=$c ${setup%%:*}"
    read -r rps p50 p99 <<<"$(measure "${setup##*:}" stub/m "$c")"
    awk -v n="${setup%%:*}" -v c="$c" -v r="$rps" -v a="$p50" -v b="$p99" -v da="$d_p50" -v db="$d_p99" \
      'BEGIN { printf "| %s | %s | %.0f | %+.2f / %+.2f |\n", n, c, r, (a - da) / 1000, (b - db) / 1000 }'
  done
done

if [ "$COOLDOWN" = 1 ]; then
  log "cooldown: one flaky/m request to instance 1, then polling /clawgate/status on all $INSTANCES"
  # One process polls every instance at once, every 2 ms (a curl per poll costs tens of milliseconds). It warms
  # its connections first, then sends the request that makes instance 1 cool the model, and times from its end.
  python3 - "$(body flaky/m)" "${CLUSTER_TOKEN:-}" "${PORTS[@]}" <<'PY'
import re, sys, threading, time, urllib.request
body, token, ports = sys.argv[1].encode(), sys.argv[2], sys.argv[3:]
headers = {"Authorization": "Bearer " + token} if token else {}
def status(port):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/clawgate/status", headers=headers)
    with urllib.request.urlopen(req, timeout=5) as r:
        return re.search(rb'"key":"[^"]*flaky', r.read()) is not None
for port in ports:
    status(port)  # warm-up: imports, first connection, and proof that nothing is cooling yet
seen = {}
def poll(i, port):
    while time.monotonic() - t0 < 20:
        if status(port):
            seen[i] = (time.monotonic() - t0) * 1000
            return
        time.sleep(0.002)
req = urllib.request.Request(f"http://127.0.0.1:{ports[0]}/v1/chat/completions", data=body,
                             headers={**headers, "content-type": "application/json"})
urllib.request.urlopen(req, timeout=30).read()
t0 = time.monotonic()
threads = [threading.Thread(target=poll, args=(i, p)) for i, p in enumerate(ports)]
[t.start() for t in threads]; [t.join() for t in threads]
parts = [f"#{i + 1}: {seen[i]:.0f} ms" if i in seen else f"#{i + 1}: not seen" for i in range(len(ports))]
print(f"\nCooldown seen by instance 1 reached {len(seen)} of {len(ports)} instances (ms after its answer); "
      + "; ".join(parts)
      + ("" if len(seen) == len(ports) else " (the rest: not within 20 s; per-instance state does not share cooldowns)"))
PY
fi
log "uptime after: $(uptime)"
