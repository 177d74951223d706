#!/usr/bin/env bash
# JMH micro-benchmarks of the streaming codecs (SSE/NDJSON decoding per upstream API; conversion per
# inbound/upstream pair), with the allocation profiler. Builds the product jar and this module when needed.
#
#   bench/jmh/run.sh                 all benchmarks, -prof gc, results in bench/results/jmh-latest.txt
#   bench/jmh/run.sh --quick         1 short warm-up and measurement iteration each (a smoke run, ~1 min)
#   bench/jmh/run.sh [JMH options]   anything else goes to JMH, e.g. 'DecodeBench -f 2'
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JMH="$ROOT/bench/jmh"
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1; }
JAVA=""
for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
  [ -x "$c" ] && [ "$(java_major "$c")" -ge 21 ] 2>/dev/null && { JAVA="$c"; break; }
done
[ -n "$JAVA" ] || { echo "jmh: no JDK 21+ found" >&2; exit 1; }
if [ ! -f "$ROOT/target/clawgate.jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$ROOT/target/clawgate.jar" -print -quit)" ]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
fi
if [ ! -f "$JMH/target/benchmarks.jar" ] || [ -n "$(find "$JMH/pom.xml" "$JMH/src" "$ROOT/target/clawgate.jar" -newer "$JMH/target/benchmarks.jar" -print -quit)" ]; then
  (cd "$JMH" && "$ROOT/mvnw" -q -B package)
fi
args=("$@")
if [ "${1:-}" = "--quick" ]; then args=(-wi 1 -w 1s -i 1 -r 1s -prof gc); fi
[ ${#args[@]} -eq 0 ] && args=(-prof gc)
mkdir -p "$ROOT/bench/results"
"$JAVA" -cp "$JMH/target/benchmarks.jar:$ROOT/target/clawgate.jar" org.openjdk.jmh.Main "${args[@]}" \
  | tee "$ROOT/bench/results/jmh-latest.txt"
