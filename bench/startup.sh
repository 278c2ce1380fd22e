#!/usr/bin/env bash
# Measures startup-to-ready of the packaged service in dev mode (H2 file database, fresh data dir):
# from launching the JVM until GET /health answers UP. Prints one line per run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
port=${PORT:-39781}
jar=$(ls target/hps-companion-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q package -DskipTests
  jar=$(ls target/hps-companion-*.jar | grep -v original | head -1)
fi
times=()
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  start=$(date +%s%N)
  (cd "$work" && exec java -Dmicronaut.environments=dev -Dmicronaut.server.port="$port" -jar "$OLDPWD/$jar" >"$work/log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" | grep -q '"UP"'; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "service exited; see $work/log" >&2; exit 1; fi
    sleep 0.02
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ready in ${ms} ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "startup to ready (dev, H2 file, fresh database): median ${median} ms over ${runs} runs"
