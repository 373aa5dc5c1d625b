#!/usr/bin/env bash
# Load benchmark: credential leases at the auth-broker next to Keycloak's own token exchange, in one run on one
# machine, plus the lease cache's hit ratio under MCP tool-call load. Needs wrk (apt-get install wrk); builds what
# it runs (incrementally) unless BENCH_SKIP_BUILD=1.
# Usage: bench/lease-load.sh [seconds per measurement] [connections]
# BENCH_WARMUP (seconds, default 15), BENCH_JAVA_OPTS (the set-up JVM: simulator, mcp-resource) and
# BENCH_BROKER_JAVA_OPTS (the broker's JVM, e.g. a JFR recording while profiling) are optional.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
CONNECTIONS="${2:-50}"
WARMUP="${BENCH_WARMUP:-15}"
THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))
export BENCH_DIR="$PWD/bench"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

CLASSPATH_FILE=e2e-tests/target/bench-classpath.txt
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "# building auth-broker and e2e-tests (incremental) ..."
  ./mvnw -q -B -pl auth-broker,e2e-tests -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
[ -f "$CLASSPATH_FILE" ] || { echo "$CLASSPATH_FILE is missing: run without BENCH_SKIP_BUILD" >&2; exit 1; }

WORK=$(mktemp -d)
chmod 700 "$WORK"
LOG=e2e-tests/target/bench/lease-stack.log
mkdir -p "$(dirname "$LOG")"
# the stack's JVM: simulator, mcp-resource and this set-up in-process; the broker and Keycloak are its children
java ${BENCH_JAVA_OPTS:-} -Dkeycloak.run-root=e2e-tests/target/keycloak \
  -cp "e2e-tests/target/test-classes:e2e-tests/target/classes:$(cat "$CLASSPATH_FILE")" \
  org.ncmcp.e2e.bench.LeaseBenchStack "$WORK/bench.env" >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
echo "# starting PostgreSQL, simulator, broker, mcp-resource and Keycloak; provisioning (log: $LOG) ..."
for _ in $(seq 1 480); do
  [ -f "$WORK/bench.env" ] && break
  kill -0 $PID 2>/dev/null || { tail -40 "$LOG"; exit 1; }
  sleep 0.5
done
[ -f "$WORK/bench.env" ] || { echo "the stack was not ready within 4 minutes" >&2; tail -40 "$LOG"; exit 1; }
# shellcheck disable=SC1091
source "$WORK/bench.env"

counter() { # a lease-cache counter from mcp-resource's /actuator/metrics (multi-user mode: needs a token)
  curl -sf -H "Authorization: Bearer ${MCP_TOKENS%%,*}" "$METRICS_URL/$1" \
    | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))'
}
run() { # label script url seconds
  wrk -t$THREADS -c$CONNECTIONS -d"$3"s --timeout 10s -s "bench/$1" "$2" | grep '^RESULT'
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1) (broker, mcp-resource)," \
  "Keycloak on $KEYCLOAK_JAVA; $BENCH_PEOPLE people; ${DURATION}s per run, $CONNECTIONS connections;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
HITS0=$(counter ncmcp.lease.cache.hits)
MISSES0=$(counter ncmcp.lease.cache.misses)
echo "# lease cache after set-up (each person's first notes:write and notes:read call): hits=$HITS0 misses=$MISSES0"
echo "# warm-up (JIT), ${WARMUP}s each ..."
run lease-cold.lua "$BROKER_TOKEN_URL" "$WARMUP" >/dev/null
run keycloak-exchange.lua "$KEYCLOAK_TOKEN_URL" "$WARMUP" >/dev/null
run mcp-get-note-multi-user.lua "$MCP_URL" "$WARMUP" >/dev/null
RESULTS="$WORK/results"
for round in 1 2; do
  for measurement in "lease-cold.lua $BROKER_TOKEN_URL" "keycloak-exchange.lua $KEYCLOAK_TOKEN_URL" \
      "mcp-get-note-multi-user.lua $MCP_URL"; do
    # shellcheck disable=SC2086
    line=$(run $measurement "$DURATION")
    echo "$line"
    echo "round=$round $line" >>"$RESULTS"
  done
done
HITS=$(( $(counter ncmcp.lease.cache.hits) - HITS0 ))
MISSES=$(( $(counter ncmcp.lease.cache.misses) - MISSES0 ))
echo "LEASE_CACHE hits=$HITS misses=$MISSES (all MCP load of this run, warm-up included)"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$RESULTS" "$HITS" "$MISSES" <<'PY'
import sys
rows = []
for line in open(sys.argv[1]):
    fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
    rows.append(fields)
names = {"cold_lease": "cold lease (broker, RFC 8693)", "keycloak_token_exchange": "Keycloak token exchange",
         "cached_lease_mcp_get_note": "MCP `nc_notes_get_note` (cached lease)"}
print("| round | call | calls/s | p50 | p90 | p99 | errors |")
print("|---|---|---:|---:|---:|---:|---:|")
for r in rows:
    errors = int(r["errors"]) + int(r["socket_errors"])
    print(f"| {r['round']} | {names[r['label']]} | {int(r['rps']):,} | {r['p50_ms']} ms | {r['p90_ms']} ms "
          f"| {r['p99_ms']} ms | {errors} |")
print()
for round_ in sorted({r["round"] for r in rows}):
    rps = {r["label"]: int(r["rps"]) for r in rows if r["round"] == round_}
    print(f"round {round_}: cold lease / Keycloak exchange = {rps['cold_lease'] / rps['keycloak_token_exchange']:.2f}x")
hits, misses = int(sys.argv[2]), int(sys.argv[3])
print(f"lease cache: {hits:,} hits, {misses:,} misses, hit ratio {100.0 * hits / max(1, hits + misses):.3f} %")
PY
