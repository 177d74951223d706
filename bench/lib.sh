# Shell functions shared by bench/run.sh, bench/cluster.sh and the bench/*profile.sh scripts (sourced; needs a log function and $WORK).

# The newest JDK 21+ (JAVA_HOME, the usual JDK folders, PATH): its java, or nothing.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1; }
find_java() {
  local c best="" best_v=0 v
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -x "$c" ] || continue
    v="$(java_major "$c")"; v="${v:-0}"
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}

# Builds target/clawgate.jar and bench/target/clawgate-bench.jar when missing or older than their sources.
build_jars() {
  if [ ! -f "$ROOT/target/clawgate.jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$ROOT/target/clawgate.jar" -print -quit)" ]; then
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
  fi
  if [ ! -f "$BENCH/target/clawgate-bench.jar" ] || [ -n "$(find "$BENCH/pom.xml" "$BENCH/src" -newer "$BENCH/target/clawgate-bench.jar" -print -quit)" ]; then
    (cd "$BENCH" && "$ROOT/mvnw" -q -B package)
  fi
}

apt_install() { # package
  log "installing $1 (apt-get install -y $1)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y "$1" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$1" >/dev/null; }
  else sudo apt-get install -y "$1" >/dev/null; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # url, expected status, timeout seconds
  local i
  for i in $(seq 1 $(( $3 * 20 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null || true)" = "$2" ] && return 0
    sleep 0.05
  done
  echo "bench: $1 did not answer $2 within $3 s" >&2; return 1
}

# nginx as a plain reverse proxy to the same upstream: a non-daemon master (so it is our child and stops with
# us), one worker per core, upstream keep-alive, no buffering (SSE passes through as it arrives), no access log.
nginx_conf() { # port dir servers -> path of a config listening on 127.0.0.1:port, proxying to "servers"
  local dir="$2"; mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  upstream up { $3 keepalive 64; }
  server {
    listen 127.0.0.1:$1;
    location / {
      proxy_pass http://up;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGINX
  echo "$dir/nginx.conf"
}

# CPU ticks (utime + stime, all threads) and context switches (voluntary + nonvoluntary, summed over the live
# threads) of a process and its children (nginx: master and workers): "ticks switches".
proc_counters() {
  local p t ticks=0 ctx=0 f
  for p in "$1" $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] || continue
    f="$(sed 's/.*) //' "/proc/$p/stat")"
    ticks=$(( ticks + $(echo "$f" | awk '{print $12 + $13}') ))
    for t in /proc/$p/task/*; do
      ctx=$(( ctx + $(awk '/^(non)?voluntary_ctxt_switches/ {s += $2} END {print s + 0}' "$t/status" 2>/dev/null || echo 0) ))
    done
  done
  echo "$ticks $ctx"
}
# Per-request CPU (µs) and context switches over a measured window: before-counters after-counters requests
proc_per_request() { # key before after requests
  awk -v k="$1" -v b="$2" -v a="$3" -v n="$4" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(b, x, " "); split(a, y, " "); if (n <= 0) exit
    printf "%s.cpu_us_per_req %.1f\n%s.ctx_per_req %.2f\n", k, (y[1] - x[1]) * 1e6 / hz / n, k, (y[2] - x[2]) / n }'
}
portkey_headers() { # custom host path prefix
  printf 'x-portkey-provider: openai\nx-portkey-custom-host: %s\nAuthorization: Bearer x\n' "$UP$1/v1"
}

wrk_script() { # target -> path of a Lua script posting that target's body and appending its figures
  local t="$1" f="$WORK/wrk-$1.lua"
  {
    echo 'wrk.method = "POST"'
    echo "wrk.body = [==[$(cat "$WORK/$t.json")]==]"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    if [ "$t" = portkey ]; then
      echo 'wrk.headers["x-portkey-provider"] = "openai"'
      echo "wrk.headers[\"x-portkey-custom-host\"] = \"$UP/v1\""
      echo 'wrk.headers["Authorization"] = "Bearer x"'
    fi
    cat <<'LUA'
done = function(summary, latency, requests)
  local f = io.open(os.getenv("WRK_OUT"), "a")
  local k = os.getenv("WRK_KEY")
  local e = summary.errors
  f:write(string.format("%s.rps %.1f\n", k, summary.requests / (summary.duration / 1e6)))
  f:write(string.format("%s.requests %d\n", k, summary.requests))
  f:write(string.format("%s.errors %d\n", k, e.connect + e.read + e.write + e.status + e.timeout))
  f:write(string.format("%s.p50_us %d\n", k, latency:percentile(50)))
  f:write(string.format("%s.p90_us %d\n", k, latency:percentile(90)))
  f:write(string.format("%s.p99_us %d\n", k, latency:percentile(99)))
  f:close()
end
LUA
  } >"$f"
  echo "$f"
}

run_wrk() { # target concurrency seconds key (key empty: warm-up, not recorded)
  local t="$1" c="$2" s="$3" key="$4" threads=1 out="$RESULTS"
  [ "$c" -ge 16 ] && threads=2
  [ -z "$key" ] && out="$WORK/warmup.txt" && key=warm
  WRK_OUT="$out" WRK_KEY="$key" wrk -t"$threads" -c"$c" -d"${s}s" --timeout 10s -s "$WORK/wrk-$t.lua" \
    "http://127.0.0.1:$(target_port "$t")/v1/chat/completions" >"$WORK/wrk-last.txt" 2>&1
}
