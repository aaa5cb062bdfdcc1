#!/usr/bin/env bash
# Installs Debian's chromium for the end-to-end tests, only when it is missing.
# Playwright drives this system browser via executable_path (no Playwright browser download).
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
echo "Chromium ontbreekt ($CHROMIUM); installeren met apt-get…"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "Fout: installeer chromium als root: apt-get update && apt-get install -y chromium" >&2
    exit 1
fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
