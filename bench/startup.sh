#!/usr/bin/env bash
# Startup-to-ready of the packaged service in dev mode (H2 file database, fresh data dir each run): from
# launching the JVM until GET /health answers UP. Two ways, RUNS times each, medians printed:
#   plain  - the JVM flags `./mvnw mn:run` uses (C1 only, as is usual for development)
#   cds    - the same plus an application class-data-sharing archive made by one training run first
#            (what a deployment would bake into its image)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
port=${PORT:-39781}
jar=$(ls target/hps-companion-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q package -DskipTests
  jar=$(ls target/hps-companion-*.jar | grep -v original | head -1)
fi
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
base_flags=(-XX:TieredStopAtLevel=1 -Dmicronaut.environments=dev -Dmicronaut.server.port="$port")
archive=$(mktemp -d)/hps.jsa

ready_ms() { # starts the service with the given extra flags, prints ms until ready, stops it
  local work start pid
  work=$(mktemp -d)
  start=$(date +%s%N)
  (cd "$work" && exec java "$@" "${base_flags[@]}" -jar "$jar" >"$work/log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" | grep -q '"UP"'; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "service exited; see $work/log" >&2; exit 1; fi
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

plain=()
for i in $(seq 1 "$runs"); do plain+=("$(ready_ms)"); done
echo "plain: ${plain[*]} ms"

# training run: let it start, handle a health check and stop, writing the archive on exit
ready_ms -XX:ArchiveClassesAtExit="$archive" >/dev/null
cds=()
for i in $(seq 1 "$runs"); do cds+=("$(ready_ms -XX:SharedArchiveFile="$archive")"); done
echo "cds:   ${cds[*]} ms"
rm -f "$archive"

echo "startup to ready (dev, H2 file, fresh database): median $(median "${plain[@]}") ms plain, $(median "${cds[@]}") ms with AppCDS, over $runs runs each"
