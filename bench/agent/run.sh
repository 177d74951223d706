#!/usr/bin/env bash
# Agent-turn cost over a long session: turn ~10 against turn N (default 1,000) of one session, in process,
# against a loopback model stand-in that answers at once. Builds target/clawgate.jar when it is stale.
#
#   bench/agent/run.sh [turns]
#   AGENT_BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/agent.jfr,settings=profile" bench/agent/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1; }
JAVA=""
for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
  [ -x "$c" ] && [ "$(java_major "$c")" -ge 21 ] 2>/dev/null && { JAVA="$c"; break; }
done
[ -n "$JAVA" ] || { echo "agent bench: no JDK 21+ found" >&2; exit 1; }
if [ ! -f "$ROOT/target/clawgate.jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$ROOT/target/clawgate.jar" -print -quit)" ]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
fi
state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
# shellcheck disable=SC2086 # extra JVM options (a JFR recording) split on spaces on purpose
"$JAVA" --enable-native-access=ALL-UNNAMED -Xlog:disable ${AGENT_BENCH_JAVA_OPTS:-} -cp "$ROOT/target/clawgate.jar" \
  "$ROOT/bench/agent/AgentTurnBench.java" "${1:-1000}" "$state"
