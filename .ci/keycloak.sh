#!/usr/bin/env bash
# A Keycloak for CI and manual runs, the same one the tests start (org.ncmcp.e2e.keycloak.KeycloakServer):
# Keycloak from Maven Central (unpacked into .tools/ by the e2e-tests build), built once with an in-memory
# database, started from a fresh home with realm nextcloud-mcp imported from
# e2e-tests/src/test/resources/keycloak/nextcloud-mcp-realm.json, listening on 127.0.0.1 only.
#
#   .ci/keycloak.sh start [--port N]   start in the background, wait until the realm answers, print its base URL
#   .ci/keycloak.sh stop               stop it (SIGTERM to Keycloak's JVM, SIGKILL after 20 s)
#   .ci/keycloak.sh status             print the base URL if it is running, fail otherwise
#
# Tests use it instead of their own Keycloak when KEYCLOAK_URL is exported:
#   export KEYCLOAK_ADMIN_PASSWORD=<something random>    # optional; generated (and kept, mode 600) if unset
#   export KEYCLOAK_URL="$(.ci/keycloak.sh start)"
# Environment: KEYCLOAK_JAVA_HOME (default: Temurin 25 if installed, else the java on PATH),
# KEYCLOAK_STARTUP_TIMEOUT_SECONDS (default 240). State and log: target/keycloak-ci/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/e2e-tests/pom.xml" | head -n 1)"
DIST="$ROOT/.tools/keycloak-$VERSION"
REALM_JSON="$ROOT/e2e-tests/src/test/resources/keycloak/nextcloud-mcp-realm.json"
STATE="$ROOT/target/keycloak-ci"
TIMEOUT="${KEYCLOAK_STARTUP_TIMEOUT_SECONDS:-240}"
BUILD_OPTION="--db=dev-mem"          # keep in step with KeycloakProcess.BUILD_OPTION

log() { printf '[keycloak] %s\n' "$*" >&2; }
die() { printf '[keycloak] ERROR: %s\n' "$*" >&2; exit 1; }

java_home() {
  if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then echo /usr/lib/jvm/temurin-25-jdk-amd64; return; fi
  local java
  java="$(command -v java)" || die "no java on PATH (set KEYCLOAK_JAVA_HOME)"
  dirname "$(dirname "$(readlink -f "$java")")"
}

# Keycloak records its build options inside lib/quarkus/generated-bytecode.jar; we read that record. The JVM that
# built it is recorded in .build-java (as the Java harness does): a build runs slowly on another JVM.
is_built() {
  local jar="$DIST/lib/quarkus/generated-bytecode.jar" props tmp
  [ -f "$jar" ] || return 1
  [ "$(cat "$DIST/.build-java" 2>/dev/null || true)" = "$(readlink -f "$JAVA_HOME")" ] || return 1
  if command -v unzip >/dev/null 2>&1; then
    props="$(unzip -p "$jar" META-INF/keycloak-persisted.properties 2>/dev/null || true)"
  else
    tmp="$(mktemp -d)"
    (cd "$tmp" && "$JAVA_HOME/bin/jar" xf "$jar" META-INF/keycloak-persisted.properties 2>/dev/null || true)
    props="$(cat "$tmp/META-INF/keycloak-persisted.properties" 2>/dev/null || true)"
    rm -rf "$tmp"
  fi
  grep -qx 'kc.db=dev-mem' <<<"$props" && grep -qx 'kc.profile=prod' <<<"$props"
}

# The same lock as the Java harness: a directory holding the owner's pid; a dead owner's lock is taken over.
lock_build() {
  local lock="$DIST/.build.lock" deadline=$((SECONDS + 300)) owner
  until mkdir "$lock" 2>/dev/null; do
    owner="$(cat "$lock/pid" 2>/dev/null || true)"
    if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then
      rm -rf "$lock"; continue
    fi
    if [ -z "$owner" ] && [ $(( $(date +%s) - $(stat -c %Y "$lock" 2>/dev/null || date +%s) )) -gt 10 ]; then
      rm -rf "$lock"; continue     # created but never owned: its creator died at once
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "another process has been building Keycloak for 5 minutes (lock $lock)"
    sleep 0.5
  done
  echo $$ >"$lock/pid"
}
unlock_build() { rm -rf "$DIST/.build.lock"; }

ensure_distribution() {
  [ -n "$VERSION" ] || die "no <keycloak.version> in e2e-tests/pom.xml"
  if [ ! -x "$DIST/bin/kc.sh" ]; then
    log "unpacking Keycloak $VERSION from Maven Central into .tools/ (176 MB, cached in ~/.m2)"
    (cd "$ROOT" && ./mvnw -B -q -pl e2e-tests dependency:unpack@unpack-keycloak) >&2
    [ -x "$DIST/bin/kc.sh" ] || die "Keycloak $VERSION still missing at $DIST"
  fi
  is_built && return
  lock_build
  trap unlock_build EXIT
  if ! is_built; then
    mkdir -p "$STATE"
    log "building Keycloak ($BUILD_OPTION, once, ~30 s); log: $STATE/build.log"
    env -u JAVA_OPTS -u JAVA_OPTS_APPEND "$DIST/bin/kc.sh" build "$BUILD_OPTION" >"$STATE/build.log" 2>&1 </dev/null \
      || { tail -n 40 "$STATE/build.log" >&2; die "kc.sh build failed"; }
    readlink -f "$JAVA_HOME" >"$DIST/.build-java"
    is_built || die "kc.sh build finished but the build record does not say $BUILD_OPTION"
  fi
  unlock_build
  trap - EXIT
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for port in $(shuf -i 20000-45000 -n 100); do
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "no free port found"
}

running_pid() {
  local pid
  pid="$(cat "$STATE/pid" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  local port=""
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  if running_pid >/dev/null; then
    die "already running at $(cat "$STATE/url") (pid $(cat "$STATE/pid")); stop it first"
  fi
  export JAVA_HOME
  JAVA_HOME="$(java_home)"
  [ -x "$JAVA_HOME/bin/java" ] || die "no java at $JAVA_HOME/bin/java"
  ensure_distribution
  [ -n "$port" ] || port="$(free_port)"

  # a home of our own: kc.sh copied (it derives its home from its own path), the rest linked, fresh data/
  mkdir -p "$STATE"
  local run
  run="$(mktemp -d "$STATE/run-$(date +%Y%m%d-%H%M%S)-XXXX")"
  mkdir -p "$run/bin" "$run/data/import"
  cp -p "$DIST/bin/kc.sh" "$run/bin/kc.sh"
  local part
  for part in lib conf providers themes; do ln -s "$DIST/$part" "$run/$part"; done
  cp "$REALM_JSON" "$run/data/import/"

  local admin_password="${KEYCLOAK_ADMIN_PASSWORD:-}"
  if [ -z "$admin_password" ]; then
    admin_password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    (umask 077 && printf '%s\n' "$admin_password" >"$STATE/admin-password")
    log "admin password generated (user admin): $STATE/admin-password"
  fi

  local base="http://127.0.0.1:$port"
  log "starting Keycloak $VERSION on $base (java $JAVA_HOME); log: $run/keycloak.log"
  env -u JAVA_OPTS -u JAVA_OPTS_APPEND -u KC_DB -u KC_CACHE \
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
      nohup "$run/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 --http-port="$port" \
      --hostname="$base" --cache=local --import-realm >"$run/keycloak.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$STATE/pid"
  echo "$base" >"$STATE/url"
  echo "$run" >"$STATE/run"

  local started=$SECONDS deadline=$((SECONDS + TIMEOUT))
  local discovery="$base/realms/nextcloud-mcp/.well-known/openid-configuration"
  until curl -fsS --max-time 2 -o /dev/null "$discovery" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 60 "$run/keycloak.log" >&2
      die "Keycloak exited during start-up (log: $run/keycloak.log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 60 "$run/keycloak.log" >&2
      stop
      die "Keycloak did not serve $discovery within ${TIMEOUT}s (log: $run/keycloak.log)"
    fi
    sleep 0.5
  done
  log "ready after $((SECONDS - started))s: issuer $base/realms/nextcloud-mcp"
  echo "$base"
}

stop() {
  local pid java_pids i
  pid="$(running_pid || true)"
  if [ -z "$pid" ]; then
    rm -f "$STATE/pid"
    return 0
  fi
  # kc.sh runs java as its child (or exec's it when it had to build first): signal java, not only the script
  java_pids="$(pgrep -P "$pid" java || true)"
  log "stopping Keycloak (kc.sh $pid${java_pids:+, java $java_pids})"
  if [ -n "$java_pids" ]; then kill -TERM $java_pids 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL $java_pids "$pid" 2>/dev/null || true
  local run
  run="$(cat "$STATE/run" 2>/dev/null || true)"
  if [ -n "$run" ]; then
    for part in lib conf providers themes; do rm -f "$run/$part"; done   # the links only; the log stays
  fi
  rm -f "$STATE/pid"
}

status() {
  running_pid >/dev/null || { echo "not running" >&2; return 1; }
  cat "$STATE/url"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
