#!/usr/bin/env bash
# Measures how Clawgate loads the config examples in OpenClaw's own documentation. Fetches
# openclaw@$OPENCLAW_VERSION with npm into a temporary folder (nothing of it is kept or committed), extracts
# every json/json5 block of its docs that is a config object, validates each with OpenClaw's validator (Node)
# and with this build of Clawgate, and prints the table by cause. Not part of the test suite.
#   scripts/openclaw-configs.sh            # the table
#   scripts/openclaw-configs.sh --paths    # also regenerate the schema path lists in src/main/resources
#   scripts/openclaw-configs.sh --details  # also list every block the two validators disagree on
#   OPENCLAW_PACKAGE=/tmp/x/node_modules/openclaw scripts/openclaw-configs.sh   # reuse an npm install
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${OPENCLAW_VERSION:-2026.9.6}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v node >/dev/null || { echo "openclaw-configs: needs node and npm" >&2; exit 1; }
if [ -n "${OPENCLAW_PACKAGE:-}" ]; then   # an openclaw package already installed with npm (saves the fetch)
  pkg="$OPENCLAW_PACKAGE"
else
  echo "fetching openclaw@$version into $work ..." >&2
  (cd "$work" && npm install "openclaw@$version" --ignore-scripts --no-audit --no-fund --omit=optional \
    --loglevel=error --engine-strict=false >/dev/null 2>&1) || { echo "npm install openclaw@$version failed" >&2; exit 1; }
  pkg="$work/node_modules/openclaw"
fi
tool="$root/scripts/openclaw/openclaw-tool.mjs"

if [[ " $* " == *" --paths "* ]]; then
  res="$root/src/main/resources/dev/clawgate/config"
  node "$tool" schema-paths "$pkg" "$res/openclaw-schema-paths.txt" "$res/openclaw-schema-values.txt" \
    "$res/openclaw-provider-overlays.txt"
fi

node "$tool" extract "$pkg" "$work/blocks"

java=""
for c in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
  [ -x "$c" ] || continue
  v="$("$c" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  if [ "${v:-0}" -ge 21 ]; then java="$c"; break; fi
done
[ -n "$java" ] || { echo "openclaw-configs: needs a JDK 21+" >&2; exit 1; }
(cd "$root" && JAVA_HOME="$(dirname "$(dirname "$java")")" ./mvnw -B -ntp -q -DskipTests package >&2)
"$java" -cp "$root/target/clawgate.jar" "$root/scripts/openclaw/ValidateConfigs.java" "$work/blocks" > "$work/clawgate.jsonl"
details=""
for a in "$@"; do [ "$a" = "--details" ] && details="--details"; done
node "$tool" table "$work/blocks/index.jsonl" "$work/clawgate.jsonl" $details
