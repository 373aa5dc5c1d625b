#!/usr/bin/env bash
# Debian packages for the real DAV servers behind the Nextcloud simulator: sabre/dav 1.8 under `php -S`
# (e2e-tests/src/test/resources/dav/server.php), Apache mod_dav for the files differential run, and Radicale 3
# (python3 -m radicale) for the calendar, tasks and contacts differential runs. Without them the DAV, Files,
# Calendar, Tasks and Contacts end-to-end tests skip with a printed reason. Usage: .ci/dav-packages.sh [--check]   (root, or sudo, to install)
set -euo pipefail
PACKAGES=(php-cli php-sabre-dav php-sqlite3 php-xml php-mbstring apache2 radicale)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "DAV packages present: ${PACKAGES[*]}"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  echo "DAV packages missing: ${missing[*]}" >&2
  exit 1
fi
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" \
  || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; }
