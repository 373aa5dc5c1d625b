#!/usr/bin/env bash
# Load benchmark: nc_notes_get_note through mcp-resource vs. the same Notes API call made directly to the
# simulator, in one run on one machine. Needs wrk (apt-get install wrk) and a built demo jar
# (./mvnw -q -B install -DskipTests). Usage: bench/notes-load.sh [seconds per measurement] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
CONNECTIONS="${2:-50}"
THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))
MCP_PORT=18080
SIM_PORT=18085
APP_PASSWORD="bench$(date +%s)AppPassword0123456789"
export BENCH_DIR="$PWD/bench"
JAR=e2e-tests/target/nextcloud-mcp-demo-exec.jar
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run ./mvnw -q -B install -DskipTests" >&2; exit 1; }

LOG=$(mktemp)
SIMULATOR_PORT=$SIM_PORT SIMULATOR_APP_PASSWORD=$APP_PASSWORD PORT=$MCP_PORT \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --logging.level.root=WARN >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$MCP_PORT/actuator/health" >/dev/null && break
  kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.5
done

MCP="http://127.0.0.1:$MCP_PORT/mcp"
CREATE='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nc_notes_create_note","arguments":{"title":"Benchmark note","content":"'"$(printf 'lorem ipsum %.0s' $(seq 1 40))"'","category":"Bench"}}}'
export NOTE_ID=$(curl -sf "$MCP" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -d "$CREATE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["structuredContent"]["id"])')
export BASIC_AUTH="Basic $(printf 'demo:%s' "$APP_PASSWORD" | base64 -w0)"
DIRECT="http://127.0.0.1:$SIM_PORT/index.php/apps/notes/api/v1/notes/$NOTE_ID"

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), ${DURATION}s per run, $CONNECTIONS connections"
echo "# warm-up (JIT) ..."
wrk -t$THREADS -c$CONNECTIONS -d10s -s bench/direct-get-note.lua "$DIRECT" >/dev/null
wrk -t$THREADS -c$CONNECTIONS -d30s -s bench/mcp-get-note.lua "$MCP" >/dev/null
for round in 1 2; do
  wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -s bench/direct-get-note.lua "$DIRECT" | grep '^RESULT'
  wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -s bench/mcp-get-note.lua "$MCP" | grep '^RESULT'
done
