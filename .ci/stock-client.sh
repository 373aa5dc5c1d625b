#!/usr/bin/env bash
# Installs the stock MCP client that StockTypeScriptClientTest drives: the official TypeScript SDK
# (@modelcontextprotocol/sdk, version pinned in e2e-tests/src/test/node/package.json, transitive versions
# pinned by its package-lock.json) into .tools/stock-client/ (git-ignored), with `npm ci`.
# Idempotent: does nothing when the installed tree matches the lock file. Needs node >= 18 and npm.
#   bash .ci/stock-client.sh        # then: ./mvnw -B -pl e2e-tests verify -Dtest=StockTypeScriptClientTest
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE="$ROOT/e2e-tests/src/test/node"
TARGET="$ROOT/.tools/stock-client"
STAMP="$TARGET/.installed-lock.sha256"

log() { printf '[stock-client] %s\n' "$*" >&2; }
die() { printf '[stock-client] ERROR: %s\n' "$*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm is not installed (apt-get install npm)"
command -v node >/dev/null 2>&1 || die "node is not installed (apt-get install nodejs)"
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 18 ] || die "node $(node --version) is too old; the MCP TypeScript SDK needs node >= 18"

wanted="$(cat "$SOURCE/package.json" "$SOURCE/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ] \
    && [ -f "$TARGET/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
  log "already installed in $TARGET"
  exit 0
fi

log "installing $(sed -n 's/.*"@modelcontextprotocol\/sdk": "\(.*\)".*/@modelcontextprotocol\/sdk@\1/p' "$SOURCE/package.json" | head -n 1) into $TARGET"
mkdir -p "$TARGET"
rm -f "$STAMP"
cp "$SOURCE/package.json" "$SOURCE/package-lock.json" "$TARGET/"
(cd "$TARGET" && npm ci --no-audit --no-fund --loglevel=error)
[ -f "$TARGET/node_modules/@modelcontextprotocol/sdk/package.json" ] || die "npm ci finished but the SDK is missing"
echo "$wanted" >"$STAMP"
log "installed"
